// Progressive enhancements of the site shell: every page works without them.
import { focusFirstError } from "./shell/forms.js";
import { announceMessages } from "./shell/messages.js";
import { initNavigation } from "./shell/navigation.js";

document.documentElement.classList.replace("no-js", "js");
initNavigation(document);
announceMessages(document);
focusFirstError(document);
