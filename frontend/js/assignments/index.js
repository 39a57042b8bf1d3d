// Assignments: the student's resumable upload (the Studio's uploader), and the timeline of
// time-coded comments on the submission and review pages. Every page works without it.
import { initUploader } from "../upload/index.js";
import { initFeedback } from "./feedback.js";
import { followProcessing } from "./processing.js";
import { initSubmissionForm } from "./submit.js";

for (const form of document.querySelectorAll("[data-assignment-form]")) {
  initSubmissionForm(form, initUploader);
}
for (const root of document.querySelectorAll("[data-feedback]")) {
  initFeedback(root, document.querySelector("[data-comment-form]"));
}
for (const root of document.querySelectorAll("[data-processing]")) {
  followProcessing(root);
}
