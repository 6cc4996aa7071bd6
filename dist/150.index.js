export const id = 150;
export const ids = [150];
export const modules = {

/***/ 5565:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ normalizeStatus),
/* harmony export */   d: () => (/* binding */ isFinal)
/* harmony export */ });
const WORDS = {
    pending: 'queued',
    queued: 'queued',
    running: 'running',
    in_progress: 'running',
    processing: 'running',
    succeeded: 'succeeded',
    completed: 'succeeded',
    succeed: 'succeeded',
    success: 'succeeded',
    failed: 'failed',
    failure: 'failed',
    cancelled: 'cancelled',
    canceled: 'cancelled',
    expired: 'expired'
};
function normalizeStatus(word) {
    if (typeof word !== 'string')
        return 'unknown';
    return WORDS[word.trim().toLowerCase().replace(/[\s-]+/g, '_')] ?? 'unknown';
}
/** A status after which the task will not change any more. */
function isFinal(status) {
    return status === 'succeeded' || status === 'failed' || status === 'cancelled' || status === 'expired';
}


/***/ }),

/***/ 4150:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F5: () => (/* binding */ shapeOf),
/* harmony export */   TASK_ID: () => (/* binding */ TASK_ID),
/* harmony export */   jE: () => (/* binding */ MAX_LINK_LENGTH),
/* harmony export */   nW: () => (/* binding */ isTaskShaped),
/* harmony export */   readTask: () => (/* binding */ readTask)
/* harmony export */ });
/* unused harmony export TaskObject */
/* harmony import */ var zod_mini__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8395);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6670);
/* harmony import */ var _status_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5565);
/**
 * The video task object as the API returns it, read tolerantly: every field is optional
 * and a field of an unexpected type is ignored rather than failing the run.
 */



/** A task id the action can put in a URL path, a file name and a log line: a plain token. */
const TASK_ID = /^(?!\.{1,2}$)[\w.:-]{1,200}$/;
/** Longest link taken from a task object (signed CDN links are a few hundred characters). */
const MAX_LINK_LENGTH = 16 * 1024;
const str = zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ["catch"] */ .MfU(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()), undefined);
const num = zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ["catch"] */ .MfU(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig()), undefined);
const id = zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ["catch"] */ .MfU(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .pipe */ .FsL(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig()]), zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .transform */ .pdi((v) => String(v)))), undefined);
const TaskObject = zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({
    id,
    task_id: id,
    status: str,
    progress: num,
    created_at: num,
    completed_at: num,
    expires_at: num,
    video_url: str,
    last_frame_url: str,
    error: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ["catch"] */ .MfU(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({ message: str, code: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ["catch"] */ .MfU(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig()])), undefined) })), undefined),
    metadata: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ["catch"] */ .MfU(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({ url: str })), undefined),
    content: zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ["catch"] */ .MfU(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* .looseObject */ ._H3({ video_url: str, last_frame_url: str })), undefined)
});
/** A JSON object (not an array, null or a scalar): the only shape a task can have. */
function isTaskShaped(data) {
    return typeof data === 'object' && data !== null && !Array.isArray(data);
}
/** What a JSON value is, in words, for a message. */
function shapeOf(data) {
    if (data === null)
        return 'null';
    if (Array.isArray(data))
        return 'a list';
    return `a ${typeof data}`;
}
/** Every server string is cleaned here, once: ids checked, words and messages one line and short. */
function readTask(data) {
    const object = TaskObject.parse(isTaskShaped(data) ? data : {});
    const error = object.error;
    const rawId = object.id ?? object.task_id;
    const id = rawId !== undefined && TASK_ID.test(rawId) ? rawId : undefined;
    const progress = object.progress !== undefined && Number.isFinite(object.progress) ? Math.max(0, Math.min(100, Math.round(object.progress))) : undefined;
    return {
        id,
        badId: rawId !== undefined && id === undefined ? (0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .cleanText */ .X5)(rawId, 60) : undefined,
        status: (0,_status_js__WEBPACK_IMPORTED_MODULE_0__/* .normalizeStatus */ .S)(object.status),
        rawStatus: object.status === undefined ? undefined : (0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .cleanText */ .X5)(object.status, 40),
        progress,
        videoUrl: object.metadata?.url ?? object.video_url ?? object.content?.video_url,
        lastFrameUrl: object.last_frame_url ?? object.content?.last_frame_url,
        error: error && (error.message || error.code !== undefined)
            ? { message: error.message === undefined ? undefined : (0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .cleanText */ .X5)(error.message, 500), code: error.code === undefined ? undefined : (0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .cleanText */ .X5)(String(error.code), 80) }
            : undefined,
        object
    };
}


/***/ })

};
