// Calls to Django's upload endpoints; a refusal becomes an Error carrying the server's message.

export function createApi(root) {
  const base = root.dataset.createUrl;
  const csrfToken = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  const fallbackMessage = root.dataset.messageFailed;

  async function request(method, url, body, signal) {
    let response;
    try {
      response = await fetch(url, {
        method,
        credentials: "same-origin",
        headers: {
          Accept: "application/json",
          "Content-Type": "application/json",
          "X-CSRFToken": csrfToken,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (cause) {
      if (cause.name === "AbortError") throw cause;
      const error = new Error(fallbackMessage);
      error.cause = cause;
      throw error;
    }
    const data = await response.json().catch(() => null);
    if (!response.ok) {
      const error = new Error((data && data.error) || fallbackMessage);
      error.source = { status: response.status };
      throw error;
    }
    return data;
  }

  const uploadUrl = (uploadId, suffix = "") => `${base}${encodeURIComponent(uploadId)}/${suffix}`;

  return {
    create: (file) =>
      request("POST", base, { filename: file.name, type: file.type || "", size: file.size }),
    signPart: (uploadId, partNumber, signal) =>
      request("GET", uploadUrl(uploadId, `parts/${partNumber}/sign/`), undefined, signal),
    listParts: (uploadId, signal) => request("GET", uploadUrl(uploadId, "parts/"), undefined, signal),
    complete: (uploadId, parts, signal) =>
      request(
        "POST",
        uploadUrl(uploadId, "complete/"),
        { parts: parts.map(({ PartNumber, ETag }) => ({ PartNumber, ETag })) },
        signal,
      ),
    abort: (uploadId) => request("DELETE", uploadUrl(uploadId)),
  };
}
