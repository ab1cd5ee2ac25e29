/**
 * The ids of the task dialogs, apart from the dialogs themselves: the task table (and so the router) names them
 * without loading botbuilder-dialogs.
 */
export const REPORT_ABSENCE = 'reportAbsence';
export const APPLY_LEAVE = 'applyLeave';
export const BOOK_MEETING = 'bookMeeting';
export const CANCEL_MEETING = 'cancelMeeting';
