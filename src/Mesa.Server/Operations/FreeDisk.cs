using Mesa.Server.Admin.Storage;
using Mesa.Server.Storage;

namespace Mesa.Server.Operations;

/// <summary>
/// Whether the data folder's disk keeps the free space it must (<see cref="ServerSettings.MinFreeDisk"/>): readiness
/// and the start of every job ask, so both follow the disk and a changed threshold at once.
/// </summary>
public sealed class FreeDisk(DataFolder folder, ServerSettings settings)
{
    /// <summary>Why the disk is short, or null when it has room.</summary>
    public string? Shortage()
    {
        var free = new DriveInfo(folder.Root).AvailableFreeSpace;
        var minimum = settings.MinFreeDisk;
        return free >= minimum
            ? null
            : $"the data folder's disk ({folder.Root}) has {free:N0} bytes free, below the {minimum:N0} bytes Mesa:Operations:MinFreeDiskBytes asks for";
    }
}
