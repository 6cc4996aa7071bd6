export const id = 809;
export const ids = [809];
export const modules = {

/***/ 9809:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Js: () => (/* binding */ abortReason),
/* harmony export */   LH: () => (/* binding */ withRetries),
/* harmony export */   MS: () => (/* binding */ gaveUpText),
/* harmony export */   Rn: () => (/* binding */ retryLine),
/* harmony export */   abortableSleep: () => (/* binding */ abortableSleep),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   yy: () => (/* binding */ sleep)
/* harmony export */ });
/* unused harmony exports BACKOFF, MAX_RETRY_AFTER_MS, backoffMs, retryDelayMs, DeadlineError */
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6264);
/**
 * The one retry engine: when to try again, how long to wait first, and the wait itself.
 * Used by the API client, the Asset Library and the download. Time, randomness and the
 * sleep are passed in, so tests run it without waiting.
 */

/** The one backoff setting: 1 s, doubling, at most 30 s, with jitter. */
const BACKOFF = { baseMs: 1000, capMs: 30_000 };
/** The longest a server's `Retry-After` is honoured for one wait. */
const MAX_RETRY_AFTER_MS = 300_000;
/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so
 * parallel matrix jobs that hit a rate limit together do not come back together.
 * `attempt` counts from 0.
 */
function backoffMs(attempt, { baseMs, capMs, random = Math.random }) {
    const full = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
    return Math.round(full / 2 + (random() * full) / 2);
}
/** A `Retry-After` header (seconds or an HTTP date) as milliseconds from `now`, or undefined. */
function parseRetryAfter(value, now = Date.now()) {
    if (!value)
        return undefined;
    const v = value.trim();
    if (/^\d+(\.\d+)?$/.test(v))
        return Math.round(Number(v) * 1000);
    const date = Date.parse(v);
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - now);
}
/** The server's wish wins, within reason; otherwise back off. */
function retryDelayMs(attempt, retryAfterMs, backoff, maxMs = MAX_RETRY_AFTER_MS) {
    if (retryAfterMs !== undefined)
        return Math.min(retryAfterMs, maxMs);
    return backoffMs(attempt, backoff);
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Why a signal aborted, as an Error (the reason the caller gave, else an AbortError). */
function abortReason(signal) {
    const reason = signal.reason;
    return reason instanceof Error ? reason : new DOMException('The operation was cancelled.', 'AbortError');
}
/**
 * A sleep that ends early, rejecting with the signal's reason, when the signal aborts.
 * `base` is the sleep to make abortable (a fake one in tests).
 */
function abortableSleep(signal, base = sleep) {
    if (!signal)
        return base;
    return (ms) => new Promise((resolve, reject) => {
        if (signal.aborted)
            return reject(abortReason(signal));
        let timer;
        const onAbort = () => {
            if (timer !== undefined)
                clearTimeout(timer);
            reject(abortReason(signal));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        const done = (err) => {
            signal.removeEventListener('abort', onAbort);
            if (err === undefined)
                resolve();
            else
                reject(err);
        };
        if (base === sleep)
            timer = setTimeout(() => done(), ms);
        else
            base(ms).then(() => done(), (err) => done(err ?? new Error('sleep failed')));
    });
}
/** The `Retry-After` a failure carries, if any. */
function retryAfterOf(err) {
    const ms = err?.retryAfterMs;
    return typeof ms === 'number' ? ms : undefined;
}
/** A wait that would run past the deadline. */
class DeadlineError extends Error {
    name = 'DeadlineError';
}
/** Runs `attempt` until it succeeds, a failure is final, or the retries are used up. */
async function withRetries(attempt, o) {
    const now = o.now ?? Date.now;
    let failures = 0;
    for (;;) {
        try {
            return await attempt();
        }
        catch (err) {
            if (o.signal?.aborted)
                throw abortReason(o.signal);
            if (!o.retryable(err))
                throw err;
            if (o.progressed?.())
                failures = 0;
            if (failures >= o.maxRetries)
                throw o.giveUp ? o.giveUp(err, o.maxRetries) : err;
            const asked = retryAfterOf(err);
            // With a deadline the server's wish is honoured whole when it fits, and refused when it does not.
            const delay = o.deadline !== undefined && asked !== undefined ? asked : retryDelayMs(failures, asked, { ...BACKOFF, random: o.random });
            if (o.deadline !== undefined && now() + delay > o.deadline) {
                const message = err instanceof Error ? err.message.replace(/\.$/, '') : String(err);
                const wait = asked !== undefined ? `the server asked to wait ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(asked)}` : `the next try would wait ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(delay)}`;
                throw new DeadlineError(`${message}; ${wait}, longer than \`timeout\` leaves (${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(Math.max(0, o.deadline - now()))}).`);
            }
            failures++;
            o.onRetry?.(err, delay, failures);
            await o.sleep(delay);
        }
    }
}
/** `<message> Retrying in 1.0 s (1/4).` */
function retryLine(message, delayMs, retry, maxRetries, verb = 'Retrying') {
    return `${message.replace(/\.?$/, '.')} ${verb} in ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(delayMs, true)} (${retry}/${maxRetries}).`;
}
/** `Gave up after 2 retries (\`max-retries\`)`. */
function gaveUpText(maxRetries) {
    return maxRetries === 0 ? '`max-retries` is 0' : `gave up after ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .retries */ .ZI)(maxRetries)} (\`max-retries\`)`;
}


/***/ })

};
