"use strict";
// The users' page: register, sign in with the mailed token, upload a workload zip in resumable chunks, follow the job, download the package.
(() => {
  const CHUNK_BYTES = 1024 * 1024;
  // Waits before resuming after a dropped connection; past the last one the upload stops and says so.
  const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 15000, 30000];
  const POLL_MS = 1000;
  const ENDED = ["finished", "failed", "cancelled"];
  const SESSION_KEY = "mesa.session";
  const $ = (id) => document.getElementById(id);

  // Tokens live in this tab's sessionStorage only: closing the tab signs out.
  let session = JSON.parse(sessionStorage.getItem(SESSION_KEY) || "null");
  let refreshing = null;
  let pollTimer = null;
  // The job that awaits the file being uploaded, so a retry of the same file resumes on it.
  let pending = null;

  class ApiError extends Error {
    constructor(status, problem) {
      super(problem && (problem.title || problem.detail)
        ? [problem.title, problem.detail].filter(Boolean).join(": ")
        : `The server answered with status ${status}.`);
      this.status = status;
      this.problem = problem || {};
    }
  }

  function save() {
    if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(SESSION_KEY);
  }

  async function api(method, path, { json, body, auth = true, retried = false } = {}) {
    const init = { method, headers: {} };
    if (json !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(json);
    } else if (body !== undefined) {
      init.headers["Content-Type"] = "application/octet-stream";
      init.body = body;
    }
    if (auth && session) init.headers.Authorization = `Bearer ${session.access_token}`;
    const response = await fetch(path, init);
    if (response.status === 401 && auth && !retried && await refresh()) return api(method, path, { json, body, auth, retried: true });
    const data = (response.headers.get("Content-Type") || "").includes("json") ? await response.json() : null;
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  }

  // One refresh at a time: a refresh token works once, and a second use would revoke the whole family.
  function refresh() {
    if (!session) return Promise.resolve(false);
    refreshing = refreshing || (async () => {
      try {
        const tokens = await api("POST", "/auth/refresh", { json: { refresh_token: session.refresh_token }, auth: false });
        session.access_token = tokens.access_token;
        session.refresh_token = tokens.refresh_token;
        save();
        return true;
      } catch {
        signOut("Your sign-in has expired; register again to get a new token.");
        return false;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  }

  function showError(message) {
    $("error").textContent = message;
    $("error").hidden = !message;
  }

  function messageOf(error) {
    return error instanceof ApiError ? error.message : "The server cannot be reached; check your connection and try again.";
  }

  function show(section) {
    for (const id of ["register", "verify", "upload", "job"]) $(id).hidden = id !== section;
    $("sign-out").hidden = !session;
  }

  function signOut(message) {
    clearTimeout(pollTimer);
    session = null;
    pending = null;
    save();
    show("register");
    showError(message || "");
  }

  function megabytes(bytes) {
    return `${(bytes / 1048576).toFixed(1)} MB`;
  }

  function duration(minutes) {
    if (minutes < 60 || minutes % 60 !== 0) return minutes === 1 ? "1 minute" : `${Math.round(minutes)} minutes`;
    const hours = minutes / 60;
    if (hours === 1) return "1 hour";
    return hours > 24 && hours % 24 === 0 ? `${hours} hours (${hours / 24} days)` : `${hours} hours`;
  }

  function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  // --- register and sign in ---

  $("register-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    showError("");
    const email = $("register-email").value.trim();
    try {
      const reply = await api("POST", "/register", {
        auth: false,
        json: { name: $("register-name").value, email, affiliation: $("register-affiliation").value, project_summary: $("register-summary").value },
      });
      $("verify-sent").textContent = `${reply.message} Check the inbox of ${email} (and its spam folder), then enter the token here.`;
      show("verify");
    } catch (error) {
      showError(messageOf(error));
    }
  });

  $("have-token").addEventListener("click", () => { showError(""); show("verify"); });
  $("back-to-register").addEventListener("click", () => { showError(""); show("register"); });
  $("sign-out").addEventListener("click", () => signOut());

  $("verify-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    showError("");
    try {
      const reply = await api("POST", "/auth/verify", { auth: false, json: { token: $("verify-token").value.trim() } });
      $("verify-token").value = "";
      session = {
        access_token: reply.access_token,
        refresh_token: reply.refresh_token,
        email: reply.user.email,
        retention_minutes: reply.retention_minutes,
        retention_after_download_minutes: reply.retention_after_download_minutes,
      };
      save();
      showUpload();
    } catch (error) {
      showError(messageOf(error));
    }
  });

  // --- upload ---

  function showUpload() {
    $("signed-in-as").textContent = `Signed in as ${session.email}.`;
    $("retention-kept").textContent =
      "your file and the data unpacked from it are kept only while the job waits and runs. The results are kept for " +
      `${duration(session.retention_minutes)} after processing ends, and only ${duration(session.retention_after_download_minutes)} ` +
      "after you have downloaded them completely, so a broken download can be fetched again.";
    $("retention-deleted").textContent =
      "the server deletes your file and the unpacked data by itself as soon as processing ends (finished, failed or cancelled), " +
      `and the results when their time is up, within a few minutes. A file you upload but never process is deleted after ${duration(session.retention_minutes)}. ` +
      "Nothing is kept after that.";
    $("upload-status").hidden = true;
    show("upload");
    updateUploadButton();
  }

  function updateUploadButton() {
    $("upload-start").disabled = !($("opt-in").checked && $("upload-file").files.length === 1);
  }

  $("opt-in").addEventListener("change", updateUploadButton);
  $("upload-file").addEventListener("change", updateUploadButton);

  $("upload-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!$("opt-in").checked) return;
    const file = $("upload-file").files[0];
    showError("");
    for (const id of ["upload-start", "upload-file", "opt-in"]) $(id).disabled = true;
    try {
      await uploadAndQueue(file);
    } catch (error) {
      showError(error instanceof ApiError || error instanceof TypeError ? messageOf(error) : error.message);
    } finally {
      $("upload-file").disabled = false;
      $("opt-in").disabled = false;
      updateUploadButton();
    }
  });

  function uploadStatus(text, done, total) {
    $("upload-status").hidden = false;
    $("upload-text").textContent = text;
    $("upload-progress").value = total ? Math.floor((100 * done) / total) : 0;
  }

  async function uploadAndQueue(file) {
    if (!file.name.toLowerCase().endsWith(".zip")) throw new Error("Pick a .zip file: a MESA backup zip or a zip of your MESA project folder.");
    uploadStatus("Computing the file's checksum…", 0, file.size);
    const sha256 = [...new Uint8Array(await crypto.subtle.digest("SHA-256", await file.arrayBuffer()))]
      .map((b) => b.toString(16).padStart(2, "0")).join("");
    const key = `${file.name}|${file.size}|${file.lastModified}|${sha256}`;
    if (!pending || pending.key !== key) {
      const created = await api("POST", "/jobs", { json: { name: file.name.slice(0, 200) } });
      if (file.size > created.upload.max_bytes)
        throw new Error(`The file is ${megabytes(file.size)}; your limit on this server is ${megabytes(created.upload.max_bytes)} per upload.`);
      pending = { key, jobId: created.job_id };
    }
    const jobId = pending.jobId;
    await sendChunks(jobId, file);
    uploadStatus("Checking the upload's checksum…", file.size, file.size);
    try {
      await api("POST", `/uploads/${jobId}/chunks/finish`, { json: { sha256 } });
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) throw new Error(`The file arrived damaged (${error.message}) Upload it again.`);
      throw error;
    }
    uploadStatus("Checking the workload…", file.size, file.size);
    await api("POST", `/jobs/${jobId}/complete-upload`);
    pending = null;
    session.job_id = jobId;
    save();
    showJob(jobId);
  }

  // Sends the file from the offset the server holds; after a dropped connection it waits, asks the server where it
  // stopped and goes on from there.
  async function sendChunks(jobId, file) {
    const url = `/uploads/${jobId}/chunks`;
    let offset = null;
    let failures = 0;
    while (offset === null || offset < file.size) {
      try {
        if (offset === null) offset = (await api("GET", url)).offset;
        if (offset >= file.size) break;
        uploadStatus(`Uploading: ${megabytes(offset)} of ${megabytes(file.size)}`, offset, file.size);
        offset = (await api("PUT", `${url}?offset=${offset}`, { body: file.slice(offset, offset + CHUNK_BYTES) })).offset;
        failures = 0;
      } catch (error) {
        // The server says where to go on (a chunk that broke off or was sent twice).
        if (error instanceof ApiError && typeof error.problem.offset === "number") {
          offset = error.problem.offset;
          continue;
        }
        // A busy upload (409) and a server or proxy in trouble (5xx) are worth waiting for too; other answers are final.
        if (error instanceof ApiError && error.status !== 409 && error.status < 500) throw error;
        if (failures === RETRY_DELAYS_MS.length)
          throw new Error("The connection to the server keeps dropping. Try again later: the upload resumes where it stopped.");
        const delay = RETRY_DELAYS_MS[failures++];
        uploadStatus(`The connection dropped at ${megabytes(offset || 0)}; resuming in ${delay / 1000} s…`, offset || 0, file.size);
        await sleep(delay);
        offset = null;
      }
    }
    uploadStatus(`Uploaded ${megabytes(file.size)}.`, file.size, file.size);
  }

  // --- the job ---

  function showJob(jobId) {
    for (const id of ["job-download", "job-error", "new-upload"]) $(id).hidden = true;
    $("job-cancel").hidden = false;
    $("job-log").textContent = "";
    show("job");
    poll(jobId);
  }

  async function poll(jobId) {
    clearTimeout(pollTimer);
    try {
      const job = await api("GET", `/jobs/${jobId}`);
      renderJob(job);
      if (job.state === "finished") await showDownload(jobId);
      if (ENDED.includes(job.state)) return;
    } catch (error) {
      if (!session) return;
      showError(messageOf(error));
      if (error instanceof ApiError && error.status === 404) return;
    }
    pollTimer = setTimeout(() => poll(jobId), POLL_MS);
  }

  const STATE_WORDS = {
    awaiting_upload: "Waiting for the upload",
    queued: "Waiting in the queue",
    running: "Processing",
    finished: "Finished",
    failed: "Failed",
    cancelled: "Cancelled",
  };

  function renderJob(job) {
    showError("");
    $("job-name").textContent = job.name ? `“${job.name}”` : "";
    $("job-state").textContent = STATE_WORDS[job.state] || job.state;
    $("job-state").dataset.state = job.state;
    $("job-queue").textContent = job.queue_position == null ? "-" : job.queue_position === 0 ? "next" : String(job.queue_position);
    $("job-stage").textContent = job.stage || "-";
    $("job-progress").value = job.progress_percent;
    $("job-percent").textContent = `${job.progress_percent} %`;
    $("job-eta").textContent = job.eta && !ENDED.includes(job.state) ? new Date(job.eta).toLocaleString() : "-";
    $("job-sha256").textContent = job.upload_sha256 || "";
    $("job-error").textContent = job.error || "";
    $("job-error").hidden = !job.error;
    $("job-log").textContent = job.log_tail.map((line) => `${new Date(line.at).toLocaleTimeString()} ${line.level} ${line.message}`).join("\n");
    const ended = ENDED.includes(job.state);
    $("job-cancel").hidden = ended;
    $("new-upload").hidden = !ended;
  }

  async function showDownload(jobId) {
    const results = await api("GET", `/jobs/${jobId}/results`);
    // The complete MESA package when the upload was a MESA backup; otherwise only the results, which must never be
    // restored as a backup (MESA's restore deletes the project's input folder first).
    const pkg = results.downloads.find((d) => d.name === "package.zip");
    const download = pkg || results.downloads.find((d) => d.name === "outputs-only.zip");
    if (!download) return;
    $("download-link").href = download.url;
    $("download-link").textContent = pkg ? "Download the MESA package" : "Download the results (output folder only)";
    $("download-hint").textContent = pkg
      ? 'Restore it in MESA with "Restore backup": your input data and the new results come back together.'
      : 'This is not a MESA backup: unzip it over your project folder (or use "mesa-cloud download"). Do not open it with MESA\'s "Restore backup", which would delete your input folder.';
    $("download-size").textContent = `(${megabytes(download.bytes)}; the link works until ${new Date(download.expires_at).toLocaleString()})`;
    $("job-download").hidden = false;
  }

  $("job-cancel").addEventListener("click", async () => {
    showError("");
    $("job-cancel").disabled = true;
    try {
      await api("POST", `/jobs/${session.job_id}/cancel`);
      poll(session.job_id);
    } catch (error) {
      showError(messageOf(error));
    } finally {
      $("job-cancel").disabled = false;
    }
  });

  $("new-upload").addEventListener("click", () => {
    clearTimeout(pollTimer);
    delete session.job_id;
    save();
    $("upload-form").reset();
    showUpload();
  });

  if (!session) show("register");
  else if (session.job_id) showJob(session.job_id);
  else showUpload();
})();
