// The hand-in form: with JavaScript the recording goes through the Studio's resumable
// uploader first, and the form hands in the uploaded asset; without it, the plain file field.

export function initSubmissionForm(form, initUploader) {
  const uploadRoot = form.querySelector("[data-assignment-upload]");
  const error = form.querySelector("[data-assignment-form-error]");
  const kindInputs = [...form.querySelectorAll("input[name=kind]")];
  let uploading = false;

  function chosenKind() {
    const checked = kindInputs.find((input) => input.checked || input.type === "hidden");
    return checked ? checked.value : "";
  }

  function showParts() {
    const kind = chosenKind();
    if (!kind) return;
    for (const part of form.querySelectorAll("[data-kind-part]")) {
      part.hidden = part.dataset.kindPart !== kind;
    }
  }

  for (const input of kindInputs) input.addEventListener("change", showParts);
  showParts();

  if (uploadRoot) {
    const plain = form.querySelector("[data-plain-recording]");
    const assetInput = form.querySelector("input[name=asset]");
    plain.hidden = true;
    plain.querySelector("input[type=file]").disabled = true;
    uploadRoot.hidden = false;
    const uppy = initUploader(uploadRoot);
    uppy.on("upload", () => {
      uploading = true;
      assetInput.value = "";
    });
    uppy.on("upload-error", () => {
      uploading = false;
    });
    uppy.on("cancel-all", () => {
      uploading = false;
      assetInput.value = "";
    });
    uppy.on("upload-success", (file, response) => {
      uploading = false;
      assetInput.value = (response.body && response.body.asset) || "";
    });
  }

  form.addEventListener("submit", (event) => {
    if (uploading) {
      event.preventDefault();
      error.textContent = form.dataset.messageUploading;
      error.hidden = false;
    }
  });
}
