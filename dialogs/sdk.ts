/**
 * The parts of botbuilder-dialogs the assistant uses. Its index also loads the built-in prompts and Microsoft's
 * text recognizers (about 30 MB resident) that we replace with our own Swedish/English prompt, so the classes
 * come from their own modules. Types still come from the package (they cost nothing at run time).
 */
export { Dialog, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog.js';
export { DialogContext } from 'botbuilder-dialogs/lib/dialogContext.js';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet.js';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog.js';
export type { DialogInstance, DialogState, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
