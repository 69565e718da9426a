"""MESA 5.6's backup archive, as mesa.py create_backup_archive writes it and restore_backup_archive reads it.

Python's own zipfile on both sides, as in MESA. Usage:
  mesa_backup.py create PROJECT ZIP [--lzma] [--no-databases] [--no-tiles] [--no-reports] [--ai-token]
  mesa_backup.py restore PROJECT ZIP
  mesa_backup.py members ZIP          (one line per member: name, compression method, size)
"""
import shutil
import sys
import zipfile
from pathlib import Path

RESTORED_FOLDERS = ("input/", "output/", "secrets/", "qgis/")


def output_category(relative_parts):
    """tiles, reports or databases; None for what MESA never ships (basemap cache, pipeline lock)."""
    if relative_parts[-1] == ".pipeline.lock" or relative_parts[0] == "cache":
        return None
    return {"mbtiles": "tiles", "reports": "reports"}.get(relative_parts[0], "databases")


def create(project, destination, lzma, categories, ai_token):
    base = Path(project)
    members = []
    if (base / "config.ini").is_file():
        members.append("config.ini")
    members += sorted(p.relative_to(base).as_posix() for p in (base / "input").rglob("*") if p.is_file())
    for path in sorted((base / "output").rglob("*")):
        if not path.is_file():
            continue
        category = output_category(path.relative_to(base / "output").parts)
        if category is not None and category in categories:
            members.append(path.relative_to(base).as_posix())
    if ai_token and (base / "secrets" / "ai_connection.parquet").is_file():
        members.append("secrets/ai_connection.parquet")
    if lzma:
        options = dict(compression=zipfile.ZIP_LZMA)
    else:
        options = dict(compression=zipfile.ZIP_DEFLATED, compresslevel=6)
    with zipfile.ZipFile(destination, "w", **options) as archive:
        for name in members:
            archive.write(base / name, arcname=name, compress_type=options["compression"])


def restore(project, source):
    base = Path(project).resolve()
    with zipfile.ZipFile(source) as archive:
        names = ["/".join(p for p in n.replace("\\", "/").split("/") if p) for n in archive.namelist()]
        names = [n for n in names if n and ".." not in n.split("/")]
        wanted = [n for n in names if n == "config.ini" or n.startswith(RESTORED_FOLDERS)]
        # What MESA does whatever the archive holds: input/ and output/ go first.
        for folder in ("input", "output"):
            shutil.rmtree(base / folder, ignore_errors=True)
        for name in wanted:
            target = (base / name).resolve()
            if base not in target.parents:
                raise ValueError(f"Unsafe ZIP member: {name}")
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(name) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst)


def members(source):
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist():
            print(f"{info.filename}\t{info.compress_type}\t{info.file_size}")


def main(argv):
    command, rest = argv[1], argv[2:]
    flags = {a for a in rest if a.startswith("--")}
    paths = [a for a in rest if not a.startswith("--")]
    if command == "create":
        categories = {c for c, flag in (("databases", "--no-databases"), ("tiles", "--no-tiles"), ("reports", "--no-reports")) if flag not in flags}
        create(paths[0], paths[1], "--lzma" in flags, categories, "--ai-token" in flags)
    elif command == "restore":
        restore(paths[0], paths[1])
    elif command == "members":
        members(paths[0])
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv)
