export const id = 910;
export const ids = [910];
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

/***/ 910:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   waitForTask: () => (/* binding */ waitForTask)
/* harmony export */ });
/* unused harmony exports GROWTH, MAX_INTERVAL_MS, nextInterval */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _status_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5565);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6264);



/** Growth of the poll interval per poll, and its cap. */
const GROWTH = 1.25;
const MAX_INTERVAL_MS = 30_000;
function nextInterval(current, base) {
    return Math.min(Math.max(base, MAX_INTERVAL_MS), Math.round(current * GROWTH));
}
async function waitForTask(o) {
    const now = o.now ?? Date.now;
    const started = now();
    const deadline = o.deadline ?? started + o.timeoutMs;
    let firstRunning;
    let lastLine = '';
    let interval = o.pollIntervalMs;
    let result = o.initial ?? (await o.client.getTask(o.taskId));
    o.onUpdate(result);
    for (;;) {
        const { status, progress, rawStatus } = result.task;
        if (status === 'running' && firstRunning === undefined)
            firstRunning = now();
        const line = `Task ${o.taskId}: ${status}${status === 'unknown' ? ` ("${rawStatus ?? ''}")` : ''}${progress !== undefined && !(0,_status_js__WEBPACK_IMPORTED_MODULE_1__/* .isFinal */ .d)(status) ? ` ${progress}%` : ''}`;
        if (line !== lastLine) {
            o.log(`${line} (${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a3)(now() - started)})`);
            lastLine = line;
        }
        if ((0,_status_js__WEBPACK_IMPORTED_MODULE_1__/* .isFinal */ .d)(status))
            break;
        const remaining = deadline - now();
        if (remaining <= 0)
            throw timeoutError(o.taskId, status, o.timeoutMs);
        const delay = result.retryAfterMs ?? interval;
        await o.sleep(Math.min(delay, remaining));
        if (now() >= deadline)
            throw timeoutError(o.taskId, status, o.timeoutMs);
        interval = nextInterval(interval, o.pollIntervalMs);
        result = await o.client.getTask(o.taskId);
        o.onUpdate(result);
    }
    const ended = now();
    const timings = { total: ended - started };
    if (firstRunning !== undefined) {
        timings.queued = firstRunning - started;
        timings.running = ended - firstRunning;
    }
    const { task } = result;
    if (task.status !== 'succeeded') {
        const why = [task.error?.message, task.error?.code && `(${task.error.code})`].filter(Boolean).join(' ');
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .TaskError */ .Ik(`Task ${o.taskId} ${describeEnd(task.status)}${why ? `: ${why}` : ' without an error message'}.`);
    }
    return { result, timings };
}
function describeEnd(status) {
    if (status === 'failed')
        return 'failed';
    if (status === 'cancelled')
        return 'was cancelled';
    return 'expired before it ran';
}
function timeoutError(taskId, status, timeoutMs) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .TaskError */ .Ik(`Stopped waiting for task ${taskId} after ${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a3)(timeoutMs)} (\`timeout\`) while it was ${status}; ` +
        `the task goes on: collect it later (within 7 days) with \`task-id: ${taskId}\` and \`output-path\`, or raise \`timeout\`.`);
}


/***/ })

};
