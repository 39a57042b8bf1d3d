// Resumable upload of a recording: Uppy's S3 multipart uploader against Django's endpoints.
// With S3 the parts go straight to the bucket through presigned URLs; with local storage
// they go to Django. Golden Retriever keeps the upload's state across a page reload.
import AwsS3 from "@uppy/aws-s3";
import Uppy from "@uppy/core";
import GoldenRetriever from "@uppy/golden-retriever";

import { createApi } from "./api.js";
import { createView } from "./view.js";

const MIB = 1024 * 1024;
// Uppy retries a failed part after each delay in turn; the last ones ride out a network cut.
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000, 30000, 60000];

export function initUploader(root) {
  const api = createApi(root);
  const view = createView(root);
  let cancelling = false;
  const chunkSize = () => Number(root.dataset.chunkSize) || 10 * MIB;
  const uppy = new Uppy({
    id: "studio-upload",
    autoProceed: false,
    restrictions: { maxNumberOfFiles: 1 },
  });

  uppy.use(AwsS3, {
    id: "StudioUpload",
    shouldUseMultipart: true,
    limit: 4,
    retryDelays: RETRY_DELAYS,
    // The part size is kept in the file's meta (restored after a reload with the file), so a
    // resumed upload is cut as it was first. Uppy makes parts of 5 MiB at least.
    getChunkSize: (data) => {
      const file = uppy.getFiles().find((f) => f.data === data);
      return Number(file && file.meta.chunkSize) || chunkSize();
    },
    createMultipartUpload: (file) => api.create(file),
    signPart: (file, { uploadId, partNumber, signal }) =>
      api.signPart(uploadId, partNumber, signal),
    listParts: (file, { uploadId, signal }) => api.listParts(uploadId, signal),
    completeMultipartUpload: (file, { uploadId, parts, signal }) =>
      api.complete(uploadId, parts, signal),
    // Uppy also aborts after a part failed for good; keep the parts then, so that Resume (or
    // a reload) continues the upload. Parts of uploads left behind are swept by the server.
    abortMultipartUpload: (file, { uploadId }) =>
      cancelling ? api.abort(uploadId) : Promise.resolve(),
  });
  uppy.use(GoldenRetriever, { serviceWorker: false });

  uppy.on("upload-progress", (file, progress) => {
    if (progress.bytesTotal) view.progress(file.name, progress.bytesUploaded / progress.bytesTotal);
  });
  uppy.on("upload", () => view.started());
  uppy.on("upload-error", (file, error) => view.failed(error.message));
  uppy.on("upload-success", (file, response) => {
    view.succeeded(file.name);
    const next = response.body && response.body.next_url;
    if (next) window.location.assign(next);
  });
  uppy.on("restored", () => {
    const pending = uppy.getFiles().filter((file) => !file.progress.uploadComplete);
    if (pending.length) view.offerRestore(pending[0], pending[0].isGhost);
  });

  view.onFileChosen((file) => {
    cancelling = false;
    view.hideRestore();
    // A file left by an interrupted upload ("ghost" after a reload) is taken up again when
    // the same file is chosen: Uppy gives it the same id and resumes from the parts listed.
    const ghosts = uppy.getFiles().filter((f) => f.isGhost);
    for (const existing of uppy.getFiles()) {
      if (!existing.isGhost) uppy.removeFile(existing.id);
    }
    let id;
    try {
      id = uppy.addFile({
        name: file.name,
        type: file.type,
        data: file,
        source: "local",
        meta: { chunkSize: chunkSize() },
      });
    } catch (error) {
      view.failed(error.message);
      return;
    }
    const resumed = ghosts.some((ghost) => ghost.id === id);
    for (const ghost of ghosts) {
      if (ghost.id !== id) uppy.removeFile(ghost.id);
    }
    if (resumed) uppy.emit("restore-confirmed");
    else uppy.upload();
  });
  view.onResumeRestored(() => {
    view.hideRestore();
    uppy.emit("restore-confirmed");
  });
  view.onDiscardRestored(() => {
    cancelling = true;
    uppy.cancelAll();
    view.hideRestore();
    view.reset();
  });
  view.onPause(() => {
    uppy.pauseAll();
    view.paused();
  });
  view.onResume(() => {
    const failed = uppy.getFiles().some((file) => file.error);
    if (failed) uppy.retryAll();
    else uppy.resumeAll();
    view.started();
  });
  view.onCancel(() => {
    cancelling = true;
    uppy.cancelAll();
    view.cancelled();
  });
  return uppy;
}

for (const root of document.querySelectorAll("[data-studio-upload]")) {
  initUploader(root);
}
