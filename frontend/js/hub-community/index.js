// Bookmark and "useful" buttons answer without reloading the page. Without JavaScript the
// same forms post and come back with a message: this only shortens the trip.
import "./community.css";
import { enhanceToggles } from "./toggles.js";

enhanceToggles(document);
