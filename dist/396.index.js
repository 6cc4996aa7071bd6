export const id = 396;
export const ids = [396];
export const modules = {

/***/ 5396:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cachedTask: () => (/* binding */ cachedTask),
/* harmony export */   findPreviousTask: () => (/* binding */ findPreviousTask),
/* harmony export */   place: () => (/* binding */ place),
/* harmony export */   rememberTask: () => (/* binding */ rememberTask),
/* harmony export */   restoreResult: () => (/* binding */ restoreResult),
/* harmony export */   saveResult: () => (/* binding */ saveResult)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6264);
/**
 * Never paying twice, through GitHub's cache service (cache-store.ts):
 *
 * - **Re-run recovery** (`resume`, on by default): right after a submit, a tiny record of the
 *   task id is saved under a key made of the run id, the job, the entry and the request's
 *   identity, then the attempt number. A later attempt of the same run finds the newest such
 *   record by prefix and collects that task instead of submitting again.
 * - **Result cache** (`cache: true`): a finished video (with its last frame and task object)
 *   is saved under the request's identity; the same request later restores it and sends
 *   nothing to PowerTokens.
 *
 * Every cache failure is one warning and a miss: the step goes on as if nothing was cached.
 */



/** A cache call before the submit may delay it by at most this much. */
const LOOKUP_TIMEOUT_MS = 10_000;
/** Saving a record (it overlaps the wait) or a finished video. */
const SAVE_TIMEOUT_MS = 60_000;
function taskPrefix(c) {
    if (!c.runId || !c.job)
        return undefined;
    // Keys may not hold commas; the job id and entry names cannot, but be safe.
    const clean = (s) => (0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .safeFileName */ .Tx)(s).slice(0, 100);
    return `seedance-task-${clean(c.runId)}-${clean(c.job)}-${clean(c.entry ?? 'video')}-${c.identity.slice(0, 32)}-attempt-`;
}
/** On a re-run: the task an earlier attempt of this run created for this request, if any. */
async function findPreviousTask(c) {
    const prefix = taskPrefix(c);
    if (!prefix || c.attempt <= 1)
        return undefined;
    const { restoreJson } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 6462));
    const record = (await restoreJson(`${prefix}${c.attempt}`, { timeoutMs: LOOKUP_TIMEOUT_MS, log: c.warn, slot: prefix }, [prefix]));
    const { TASK_ID } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 5347));
    if (!record || typeof record.taskId !== 'string' || !TASK_ID.test(record.taskId))
        return undefined;
    return { taskId: record.taskId, attempt: typeof record.attempt === 'number' ? record.attempt : 0 };
}
/** Right after a submit: remember the task for a re-run. The promise never rejects. */
async function rememberTask(c, taskId) {
    const prefix = taskPrefix(c);
    if (!prefix)
        return;
    const { saveJson } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 6462));
    await saveJson(`${prefix}${c.attempt}`, { taskId, attempt: c.attempt }, { timeoutMs: SAVE_TIMEOUT_MS, log: c.warn, slot: prefix });
}
function resultKey(c) {
    return `seedance-video-${c.identity}`;
}
/** Per entry as well: two entries of a batch with the same request must not restore into (and empty) one folder. */
function resultDir(c) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(c.runnerTemp, 'seedance-action-cache', `video-${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .safeFileName */ .Tx)(c.entry ?? 'video')}-${c.identity.slice(0, 32)}`);
}
/** The cached video of this request, restored into a folder under RUNNER_TEMP, or undefined. */
async function restoreResult(c) {
    const dir = resultDir(c);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(dir, { recursive: true });
    const { restoreEntry } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 6462));
    const hit = await restoreEntry([dir], resultKey(c), [], { timeoutMs: LOOKUP_TIMEOUT_MS, log: c.warn });
    if (hit === undefined)
        return undefined;
    try {
        const response = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'task.json'), 'utf8');
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'video.mp4'));
        const frame = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'last-frame.png');
        const hasFrame = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(frame).then(() => true, () => false);
        return { response, videoFile: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'video.mp4'), lastFrameFile: hasFrame ? frame : undefined };
    }
    catch {
        c.warn(`The cached video for this request is incomplete; making it again.`);
        return undefined;
    }
}
/** After a video was made: keep it for the next run of the same request. */
async function saveResult(c, result) {
    const dir = resultDir(c);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(dir, { recursive: true });
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.copyFile)(result.videoFile, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'video.mp4'));
        if (result.lastFrameFile)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.copyFile)(result.lastFrameFile, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'last-frame.png'));
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'task.json'), result.response);
        const { saveEntry } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 6462));
        return await saveEntry(resultKey(c), [dir], { timeoutMs: SAVE_TIMEOUT_MS, log: c.warn });
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
    }
}
/** The task object a cached video was made by (read tolerantly, like any answer). */
async function cachedTask(hit) {
    const { readTask } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 5347));
    let data;
    try {
        data = JSON.parse(hit.response);
    }
    catch {
        data = {};
    }
    return readTask(data);
}
/** Copies a restored file to where the user wants it. */
async function place(from, to) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(to), { recursive: true });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.copyFile)(from, to);
}


/***/ })

};
