export const id = 531;
export const ids = [531,809];
export const modules = {

/***/ 5451:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IJ: () => (/* binding */ classifyResponse),
/* harmony export */   LW: () => (/* binding */ classifyNetworkError),
/* harmony export */   VQ: () => (/* binding */ readServerMessage)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9809);
/**
 * What an HTTP answer or a network failure from the API means, as an ApiError whose kind
 * decides retries and whose message tells the user what to do. Pure.
 */


/** `{"error": {"message", "code"}}`, `{"message"}`, or a gateway's HTML page. */
function readServerMessage(text, contentType = '') {
    const trimmed = text.trim();
    if (/html/i.test(contentType) || /^<(!doctype|html)/i.test(trimmed)) {
        const title = /<title>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim();
        return { message: title || undefined, html: true };
    }
    try {
        const data = JSON.parse(trimmed);
        const err = (typeof data.error === 'object' && data.error !== null ? data.error : data);
        const message = typeof err.message === 'string' ? err.message : typeof data.error === 'string' ? data.error : undefined;
        const code = err.code === undefined || err.code === null ? undefined : String(err.code);
        return { message: message?.trim() || undefined, code, html: false };
    }
    catch {
        return { message: trimmed.slice(0, 200) || undefined, html: false };
    }
}
const BALANCE_WORDS = /balance|quota|insufficient|credit|余额|额度|欠费/i;
function detail(status, msg) {
    const parts = [`HTTP ${status}`];
    if (msg.code)
        parts.push(msg.code);
    const head = parts.join(', ');
    return msg.message ? `${head}: ${msg.message}` : head;
}
const UNKNOWN_ADVICE = 'a task may have been created and billed. Check your PowerTokens dashboard before re-running; if the task is there, collect it with the `task-id` input instead of submitting again.';
/** A non-2xx answer to a request. */
function classifyResponse(phase, status, text, headers) {
    const msg = readServerMessage(text, headers.get('content-type') ?? '');
    const what = detail(status, msg);
    if (status === 429) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`PowerTokens is rate-limiting requests (${what}).`, 'rate-limited', status, (0,_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .parseRetryAfter */ .mu)(headers.get('retry-after')), msg.code);
    }
    if (status === 401 || msg.code === 'token_invalid' || msg.code === 'invalid_api_key') {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`PowerTokens rejected the API key (${what}): check the secret passed as \`api-key\`.`, 'auth', status, undefined, msg.code);
    }
    if (status === 402 || (status === 403 && BALANCE_WORDS.test(`${msg.message ?? ''} ${msg.code ?? ''}`))) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`PowerTokens refused the task for lack of balance or quota (${what}): top up the account or raise the key's quota, then re-run.`, 'balance', status, undefined, msg.code);
    }
    if (status === 403) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`PowerTokens refused access (${what}): check that the key may use this model.`, 'auth', status, undefined, msg.code);
    }
    if (phase === 'submit') {
        if (status >= 400 && status < 500 && !msg.html) {
            return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`PowerTokens rejected the request (${what}).`, 'rejected', status, undefined, msg.code);
        }
        const source = msg.html ? `HTTP ${status} with an HTML page${msg.message ? ` "${msg.message}"` : ''} from a gateway` : what;
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`The submit's outcome is unknown (${source}): ${UNKNOWN_ADVICE}`, 'unknown-outcome', status, undefined, msg.code);
    }
    if (status === 404) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`PowerTokens does not know this task (${what}): check the id; tasks can be read for 7 days after they are created.`, 'not-found', status, undefined, msg.code);
    }
    if (status >= 500 || status === 408) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`PowerTokens answered ${msg.html ? `HTTP ${status} (an HTML page from a gateway)` : what}.`, 'transient', status, (0,_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .parseRetryAfter */ .mu)(headers.get('retry-after')), msg.code);
    }
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`PowerTokens answered ${what}.`, 'rejected', status, undefined, msg.code);
}
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
function causeCode(err) {
    let e = err;
    for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
        const code = e.code;
        if (typeof code === 'string')
            return code;
        e = e.cause;
    }
    return undefined;
}
/** A request that got no HTTP answer at all. */
function classifyNetworkError(phase, err, url, timeoutMs) {
    const name = err instanceof Error ? err.name : '';
    const code = causeCode(err);
    const origin = new URL(url).origin;
    if (code !== undefined && NOT_SENT_CODES.has(code)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`Could not connect to ${origin} (${code}); nothing was sent.`, 'not-sent', undefined, undefined, code);
    }
    const timedOut = name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
    const what = timedOut ? `no answer from ${origin} within ${Math.round(timeoutMs / 1000)} s` : `the connection to ${origin} dropped (${code ?? (err instanceof Error ? err.message : String(err))})`;
    if (phase === 'submit')
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`The submit's outcome is unknown (${what}): ${UNKNOWN_ADVICE}`, 'unknown-outcome', undefined, undefined, code);
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`${what[0]?.toUpperCase()}${what.slice(1)}.`, 'transient', undefined, undefined, code);
}


/***/ }),

/***/ 1531:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   download: () => (/* binding */ download)
/* harmony export */ });
/* unused harmony exports MAX_REDIRECTS, sameOrigin, displayUrl, isMp4Header, isImageHeader, describeHead, formatMB, progressLine, PROGRESS_MIN_BYTES, progressStep, parseContentRange, redirectAllowed, tempPathFor, readErrorBody */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_6___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_6__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_7___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_7__);
/* harmony import */ var _api_errors_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(5451);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(3916);
/* harmony import */ var _memory_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(8820);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(2828);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(9809);
/**
 * Downloading the finished video (or last frame) to a file.
 *
 * - Streams to a temporary file beside the target and renames it into place only when
 *   whole; the temporary file is deleted on every failure and on cancellation.
 * - The API key goes to the API origin only: redirects are followed by hand, and the key
 *   is dropped for good as soon as a redirect leaves that origin. Plain http:// is
 *   followed only to loopback hosts.
 * - A cut connection resumes with a Range request; 5xx, 429 and network errors are
 *   retried with backoff (Retry-After wins) up to `maxRetries` failures in a row.
 * - Memory stays flat: node:http streams straight into the file (see memory.ts).
 */













const MAX_REDIRECTS = 5;
const BACKOFF = { baseMs: 1000, capMs: 30_000 };
/** Enough of the body's start to recognise the format and to quote a wrong one. */
const HEAD_BYTES = 64;
const MB = 1e6;
const PROGRESS_STEP_BYTES = 10 * MB;
// ---------------------------------------------------------------- pure helpers
function sameOrigin(a, b) {
    try {
        return new URL(a).origin === new URL(b).origin;
    }
    catch {
        return false;
    }
}
/** A URL as it may appear in logs and errors: no query, fragment or user info (signed links carry credentials there). */
function displayUrl(url) {
    try {
        const u = new URL(url);
        return `${u.origin}${u.pathname}`;
    }
    catch {
        return '(an invalid URL)';
    }
}
/** ISO-BMFF: bytes 4..8 are `ftyp`. */
function isMp4Header(buf) {
    return buf.length >= 8 && buf[4] === 0x66 && buf[5] === 0x74 && buf[6] === 0x79 && buf[7] === 0x70;
}
/** PNG, JPEG or WebP. */
function isImageHeader(buf) {
    const at = (i, bytes) => bytes.every((b, j) => buf[i + j] === b);
    if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
        return true;
    if (at(0, [0xff, 0xd8, 0xff]))
        return true;
    return at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50]); // RIFF....WEBP
}
/** The first bytes as printable text, for an error message. */
function describeHead(buf, max = 40) {
    const text = Buffer.from(buf.subarray(0, max))
        .toString('latin1')
        .replace(/\s+/g, ' ')
        .replace(/[^\x20-\x7e]/g, '.')
        .trim();
    return JSON.stringify(text);
}
function formatMB(bytes) {
    return (bytes / MB).toFixed(1);
}
/** `Downloading video: 30% (60.0 of 200.0 MB)`, or `Downloading video: 30.0 MB so far` when the size is unknown. */
function progressLine(what, bytes, total) {
    if (total === undefined || total <= 0)
        return `Downloading ${what}: ${formatMB(bytes)} MB so far`;
    const pct = Math.min(100, Math.floor((bytes / total) * 100));
    return `Downloading ${what}: ${pct}% (${formatMB(bytes)} of ${formatMB(total)} MB)`;
}
/** Below this size no progress lines are logged. */
const PROGRESS_MIN_BYTES = 1024 * 1024;
/** Which progress step `bytes` is in: tenths when the size is known, else 10 MB steps. */
function progressStep(bytes, total) {
    if (total === undefined || total <= 0)
        return Math.floor(bytes / PROGRESS_STEP_BYTES);
    return Math.floor((bytes * 10) / total);
}
/** `bytes 100-199/1000` (or `/*`). */
function parseContentRange(value) {
    const m = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(value ?? '');
    if (!m)
        return undefined;
    const start = Number(m[1]);
    const end = Number(m[2]);
    const total = m[3] === '*' ? undefined : Number(m[3]);
    if (end < start || (total !== undefined && end >= total))
        return undefined;
    return { start, end, total };
}
/** May a redirect go from `from` to `to`? Only http(s), and plain http only to loopback. */
function redirectAllowed(to) {
    if (to.protocol === 'https:')
        return true;
    return to.protocol === 'http:' && (0,_parse_js__WEBPACK_IMPORTED_MODULE_11__/* .isLoopbackHost */ .cW)(to.hostname);
}
function tempPathFor(dest) {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_5__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_5__.dirname)(dest), `.${(0,node_path__WEBPACK_IMPORTED_MODULE_5__.basename)(dest)}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}.part`);
}
/** A failure, with whether it is worth another attempt. */
class Attempt extends Error {
    outcome;
    status;
    retryAfterMs;
    restart;
    constructor(message, outcome, status, retryAfterMs, 
    /** Throw away what was received and start over from byte 0. */
    restart = false) {
        super(message);
        this.outcome = outcome;
        this.status = status;
        this.retryAfterMs = retryAfterMs;
        this.restart = restart;
    }
}
async function download(options) {
    const { signal } = options;
    signal?.throwIfAborted();
    const dest = (0,node_path__WEBPACK_IMPORTED_MODULE_5__.resolve)(options.dest);
    let url;
    try {
        url = new URL(options.url);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ApiError */ .hD(`The download link is not a valid URL.`, 'protocol');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ApiError */ .hD(`The download link must be an http(s) URL (got ${url.protocol}).`, 'protocol');
    }
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_5__.dirname)(dest), { recursive: true });
    }
    catch (err) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ApiError */ .hD(`Could not create the folder ${(0,node_path__WEBPACK_IMPORTED_MODULE_5__.dirname)(dest)} for the ${what(options)} (${codeOf(err)}).`, 'protocol');
    }
    const temp = tempPathFor(dest);
    const state = { url, auth: sameOrigin(url, options.apiOrigin), received: 0, checked: false, lastStep: -1 };
    try {
        await fetchInto(options, state, temp);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(temp, dest).catch((err) => {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ApiError */ .hD(`Could not move the downloaded ${what(options)} into place at ${dest} (${codeOf(err)}).`, 'protocol');
        });
        return { path: dest, bytes: state.received, contentType: state.contentType };
    }
    catch (err) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(temp, { force: true }).catch(() => undefined);
        if (signal?.aborted)
            throw abortReason(signal);
        throw err;
    }
}
function codeOf(err) {
    const code = err?.code;
    return typeof code === 'string' ? code : err instanceof Error ? err.message : String(err);
}
function what(options) {
    return options.expect === 'mp4' ? 'video' : 'image';
}
async function fetchInto(options, state, temp) {
    const { maxRetries, signal, log, random } = options;
    const sleep = abortable(options.sleep ?? _retry_js__WEBPACK_IMPORTED_MODULE_12__/* .sleep */ .yy, signal);
    let failures = 0;
    for (;;) {
        const before = state.received;
        let error;
        try {
            const res = await open(options, state);
            await receive(options, state, res, temp);
            if (state.total === undefined || state.received === state.total)
                return;
            if (state.received > state.total) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ApiError */ .hD(`The ${what(options)} from ${displayUrl(state.url)} is larger than announced (${state.received} bytes received, ${state.total} expected).`, 'protocol');
            }
            // A 206 that covered only part of the rest: ask for more; it is not a failure unless it was empty.
            if (state.received === before)
                throw new Attempt(`${displayUrl(state.url)} sent no data for the rest of the ${what(options)}`, 'retry');
            failures = 0;
            continue;
        }
        catch (err) {
            if (signal?.aborted)
                throw abortReason(signal);
            if (!(err instanceof Attempt))
                throw err;
            error = err;
        }
        state.received = await sizeOf(temp);
        if (error.restart)
            restart(state);
        if (state.received > before)
            failures = 0;
        if (error.outcome === 'final')
            throw toApiError(error);
        const where = state.total ? ` at ${progressLine(what(options), state.received, state.total).replace(/^Downloading [^:]+: /, '')}` : '';
        if (failures >= maxRetries) {
            const got = state.total !== undefined && state.received > 0 ? ` with ${state.received} of ${state.total} bytes received` : '';
            const gaveUp = maxRetries === 0
                ? ' (`max-retries` is 0).'
                : `; gave up after ${maxRetries} ${maxRetries === 1 ? 'retry' : 'retries'} in a row (\`max-retries\`).`;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ApiError */ .hD(`${error.message.replace(/\.$/, '')}${got}${gaveUp}`, 'transient', error.status);
        }
        const delay = (0,_retry_js__WEBPACK_IMPORTED_MODULE_12__/* .retryDelayMs */ .qO)(failures, error.retryAfterMs, { ...BACKOFF, random });
        failures++;
        const action = state.received > 0 ? 'Resuming' : 'Retrying';
        log(`${error.message.replace(/\.$/, '')}${where}. ${action} in ${(delay / 1000).toFixed(1)} s (${failures}/${maxRetries}).`);
        await sleep(delay);
    }
}
function restart(state) {
    state.received = 0;
    state.total = undefined;
    state.etag = undefined;
    state.head = undefined;
    state.checked = false;
    state.lastStep = -1;
}
function toApiError(err) {
    const kind = err.status === 404 ? 'not-found' : err.status === 401 || err.status === 403 ? 'auth' : err.outcome === 'retry' ? 'transient' : 'protocol';
    return new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ApiError */ .hD(err.message, kind, err.status);
}
/** GET the current URL, following redirects by hand, until a response that carries the body. */
async function open(options, state) {
    let url = state.url;
    let auth = state.auth;
    for (let hops = 0;; hops++) {
        auth = auth && sameOrigin(url, options.apiOrigin);
        const headers = {
            ...(auth ? lowerCaseKeys(options.authHeaders) : {}),
            'user-agent': options.userAgent,
            accept: '*/*',
            'accept-encoding': 'identity'
        };
        if (state.received > 0) {
            headers.range = `bytes=${state.received}-`;
            if (state.etag)
                headers['if-range'] = state.etag;
        }
        const res = await request(url, headers, options);
        const status = res.statusCode ?? 0;
        if ([301, 302, 303, 307, 308].includes(status)) {
            res.resume();
            const location = res.headers.location;
            if (!location)
                throw new Attempt(`${displayUrl(url)} answered HTTP ${status} without a Location to go to.`, 'final', status);
            let next;
            try {
                next = new URL(location, url);
            }
            catch {
                throw new Attempt(`${displayUrl(url)} redirected to an invalid URL (HTTP ${status}).`, 'final', status);
            }
            if (!redirectAllowed(next)) {
                throw new Attempt(`${displayUrl(url)} redirected to ${displayUrl(next)}, which is not https://; the download was refused rather than fetched insecurely.`, 'final', status);
            }
            if (hops + 1 > MAX_REDIRECTS)
                throw new Attempt(`The download from ${displayUrl(state.url)} was redirected more than ${MAX_REDIRECTS} times.`, 'final', status);
            url = next;
            continue;
        }
        if (status === 200 || status === 206) {
            state.url = url;
            state.auth = auth;
            return res;
        }
        if (status === 416 && state.received > 0) {
            res.resume();
            throw new Attempt(`${displayUrl(url)} could not resume the download (HTTP 416)`, 'retry', status, undefined, true);
        }
        throw await statusError(options, url, auth, res);
    }
}
function lowerCaseKeys(headers) {
    return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
/** What a non-2xx, non-redirect answer means. */
async function statusError(options, url, auth, res) {
    const status = res.statusCode ?? 0;
    const text = redact(await readSome(res, 4096), options, url);
    const msg = readErrorBody(text, res.headers['content-type'] ?? '');
    const where = displayUrl(url);
    const said = [msg.code, msg.message?.slice(0, 200)].filter(Boolean).join(': ');
    const detail = `HTTP ${status} from ${where}${msg.html ? ', an HTML page' : ''}${said ? `: ${said}` : ''}`;
    const retryAfter = (0,_retry_js__WEBPACK_IMPORTED_MODULE_12__/* .parseRetryAfter */ .mu)(headerValue(res.headers['retry-after']));
    const fromApi = sameOrigin(url, options.apiOrigin);
    if (status === 429 || status === 408 || status >= 500) {
        return new Attempt(`The download of the ${what(options)} failed (${detail})`, 'retry', status, retryAfter);
    }
    if (status === 404 && fromApi) {
        return new Attempt(`PowerTokens has no ${what(options)} for this task (${detail}): check the task id; tasks can be read for 7 days after they are created.`, 'final', status);
    }
    if (status === 404) {
        return new Attempt(`The ${what(options)} is gone (${detail}): download links are valid for about 24 hours, so re-read the task with the \`task-id\` input (within 7 days of its creation) to get a fresh link.`, 'final', status);
    }
    if (status === 400 && fromApi) {
        return new Attempt(`PowerTokens will not serve the ${what(options)} yet (${detail}): the task is probably not finished; wait for it (\`wait: true\`) before downloading.`, 'final', status);
    }
    if (status === 401 || status === 403) {
        const advice = fromApi && auth
            ? 'check the API key passed as `api-key`'
            : 'the signed link may have expired (links are valid for about 24 hours); re-read the task with the `task-id` input to get a fresh one';
        return new Attempt(`The download of the ${what(options)} was refused (${detail}): ${advice}.`, 'final', status);
    }
    return new Attempt(`The download of the ${what(options)} failed (${detail}).`, 'final', status);
}
/** The API's JSON error, a gateway's HTML page, or a storage service's XML `<Error><Code/><Message/></Error>`. */
function readErrorBody(text, contentType) {
    if (/xml/i.test(contentType) || /^\s*(<\?xml|<Error>)/i.test(text)) {
        const tag = (name) => new RegExp(`<${name}>([^<]*)</${name}>`, 'i').exec(text)?.[1]?.trim() || undefined;
        return { code: tag('Code'), message: tag('Message'), html: false };
    }
    return (0,_api_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .readServerMessage */ .VQ)(text, contentType);
}
function headerValue(value) {
    return Array.isArray(value) ? value[0] : value;
}
/** Never let a credential reach a message. */
function redact(text, options, current) {
    let out = text;
    for (const value of Object.values(options.authHeaders)) {
        for (const secret of [value, value.replace(/^\S+\s+/, '')])
            if (secret.length >= 8)
                out = out.split(secret).join('***');
    }
    for (const url of [options.url, current?.href]) {
        const query = url ? queryOf(url) : '';
        if (query)
            out = out.split(query).join('?***').split(query.slice(1)).join('***');
    }
    return out;
}
function queryOf(url) {
    try {
        const q = new URL(url).search;
        return q.length > 1 ? q : '';
    }
    catch {
        return '';
    }
}
async function readSome(res, max) {
    const chunks = [];
    let size = 0;
    try {
        for await (const chunk of res) {
            chunks.push(chunk);
            size += chunk.length;
            if (size >= max)
                break;
        }
    }
    catch {
        // The message is a courtesy; the status says enough.
    }
    finally {
        res.destroy();
    }
    return Buffer.concat(chunks).subarray(0, max).toString('utf8');
}
/** One GET; resolves with the response head. */
function request(url, headers, options) {
    const { timeoutMs, signal } = options;
    return new Promise((resolvePromise, reject) => {
        const transport = url.protocol === 'https:' ? (node_https__WEBPACK_IMPORTED_MODULE_4___default()) : (node_http__WEBPACK_IMPORTED_MODULE_3___default());
        let response;
        const req = transport.request(url, { method: 'GET', headers, signal }, (res) => {
            response = res;
            res.on('error', () => undefined); // reported by whoever reads the body
            resolvePromise(res);
        });
        // The socket's idle timeout: covers both the wait for the head and gaps in the body.
        req.setTimeout(timeoutMs, () => {
            const err = new Attempt(`No data from ${url.origin} for ${formatSeconds(timeoutMs)}`, 'retry');
            response?.destroy(err);
            req.destroy(err);
        });
        req.on('error', (err) => reject(networkError(err, url)));
        req.end();
    });
}
function formatSeconds(ms) {
    return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
function networkError(err, url) {
    if (err instanceof Attempt)
        return err;
    if (err instanceof Error && err.name === 'AbortError')
        return err;
    const code = err.code;
    const reason = typeof code === 'string' ? code : err instanceof Error ? err.message : String(err);
    return new Attempt(`The connection to ${url.origin} failed (${reason})`, 'retry');
}
/** Streams one response body into the temporary file. */
async function receive(options, state, res, temp) {
    const status = res.statusCode;
    const length = lengthOf(res);
    if (status === 206) {
        const range = parseContentRange(headerValue(res.headers['content-range']));
        if (!range || range.start !== state.received || (state.total !== undefined && range.total !== undefined && range.total !== state.total)) {
            res.destroy();
            throw new Attempt(`${displayUrl(state.url)} answered the resume with a range that does not fit`, 'retry', status, undefined, true);
        }
        state.total = range.total ?? state.total;
    }
    else {
        if (state.received > 0) {
            options.log(`${displayUrl(state.url)} cannot resume; starting the download of the ${what(options)} over.`);
            restart(state);
        }
        state.total = length;
        state.etag = strongEtag(headerValue(res.headers.etag));
    }
    state.contentType = headerValue(res.headers['content-type']);
    if (state.received === 0 && state.total !== undefined) {
        options.log(`Downloading the ${what(options)} from ${displayUrl(state.url)} (${formatMB(state.total)} MB).`);
    }
    else if (state.received === 0) {
        options.log(`Downloading the ${what(options)} from ${displayUrl(state.url)}.`);
    }
    const file = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(temp, { flags: state.received === 0 ? 'w' : 'r+', start: state.received, highWaterMark: 1024 * 1024 });
    const meter = new Meter(options, state);
    try {
        await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_7__.pipeline)(res, meter, file);
    }
    catch (err) {
        if (!file.closed)
            await new Promise((done) => file.once('close', () => done()));
        if (err instanceof Attempt || (err instanceof Error && err.name === 'AbortError'))
            throw err;
        if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ApiError */ .hD)
            throw err;
        const code = err.code;
        const cause = err instanceof Error ? err.message : String(err);
        if (typeof code === 'string' && /^E(NOSPC|ACCES|PERM|ROFS|DQUOT|IO)$/.test(code)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ApiError */ .hD(`Could not write the ${what(options)} to ${(0,node_path__WEBPACK_IMPORTED_MODULE_5__.dirname)(temp)} (${code}).`, 'protocol');
        }
        throw new Attempt(`The connection to ${state.url.origin} dropped (${typeof code === 'string' ? code : cause})`, 'retry');
    }
    state.received = meter.position;
}
function lengthOf(res) {
    const encoding = headerValue(res.headers['content-encoding']);
    if (encoding && encoding !== 'identity')
        return undefined;
    const value = headerValue(res.headers['content-length']);
    if (value === undefined || !/^\d+$/.test(value))
        return undefined;
    return Number(value);
}
function strongEtag(value) {
    return value && !value.startsWith('W/') ? value : undefined;
}
/** Counts, checks the format from the first bytes, and logs progress. */
class Meter extends node_stream__WEBPACK_IMPORTED_MODULE_6__.Transform {
    options;
    state;
    position;
    memory = (0,_memory_js__WEBPACK_IMPORTED_MODULE_10__/* .flatMemory */ .d)();
    constructor(options, state) {
        super();
        this.options = options;
        this.state = state;
        this.position = state.received;
    }
    _transform(chunk, _encoding, done) {
        try {
            this.position += chunk.length;
            if (!this.state.checked)
                this.collectHead(chunk);
            const step = progressStep(this.position, this.state.total);
            if (step > this.state.lastStep) {
                // Small files (a last frame, a short clip) finish before progress would tell anyone anything.
                const worthIt = (this.state.total ?? Infinity) >= PROGRESS_MIN_BYTES;
                if (worthIt && (this.state.lastStep >= 0 || step > 0))
                    this.options.log(progressLine(what(this.options), this.position, this.state.total));
                this.state.lastStep = step;
            }
            this.memory(chunk.length);
            done(null, chunk);
        }
        catch (err) {
            done(err);
        }
    }
    _flush(done) {
        try {
            if (!this.state.checked)
                this.check();
            done();
        }
        catch (err) {
            done(err);
        }
    }
    collectHead(chunk) {
        const head = this.state.head ?? Buffer.alloc(0);
        if (head.length < HEAD_BYTES)
            this.state.head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
        if ((this.state.head?.length ?? 0) >= HEAD_BYTES)
            this.check();
    }
    check() {
        const head = this.state.head ?? Buffer.alloc(0);
        const ok = this.options.expect === 'mp4' ? isMp4Header(head) : isImageHeader(head);
        if (!ok) {
            const kind = this.options.expect === 'mp4' ? 'an MP4 video' : 'a PNG, JPEG or WebP image';
            const type = this.state.contentType ? `content-type ${this.state.contentType}` : 'no content-type';
            const received = head.length === 0 ? 'an empty body' : `${type}, starting ${redact(describeHead(head), this.options, this.state.url)}`;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_9__/* .ApiError */ .hD(`The download from ${displayUrl(this.state.url)} is not ${kind} (received ${received}); the link may point to an error page or have expired.`, 'protocol');
        }
        this.state.checked = true;
        this.state.head = undefined;
    }
}
async function sizeOf(path) {
    try {
        return (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(path)).size;
    }
    catch {
        return 0;
    }
}
function abortReason(signal) {
    const reason = signal.reason;
    if (reason instanceof Error)
        return reason;
    return new DOMException('The download was cancelled.', 'AbortError');
}
function abortable(sleep, signal) {
    if (!signal)
        return sleep;
    return (ms) => new Promise((done, fail) => {
        if (signal.aborted)
            return fail(abortReason(signal));
        const onAbort = () => fail(abortReason(signal));
        signal.addEventListener('abort', onAbort, { once: true });
        sleep(ms).then(() => {
            signal.removeEventListener('abort', onAbort);
            done();
        }, (err) => {
            signal.removeEventListener('abort', onAbort);
            fail(err);
        });
    });
}


/***/ }),

/***/ 8820:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ flatMemory)
/* harmony export */ });
/* harmony import */ var node_v8__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8877);
/* harmony import */ var node_v8__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_v8__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_vm__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(714);
/* harmony import */ var node_vm__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_vm__WEBPACK_IMPORTED_MODULE_1__);
/** Keeping the memory of large streamed transfers (download, release upload) flat. */


/**
 * Every socket read allocates a fresh 64 KB buffer. V8 collects those only when tens of MB
 * of them have piled up, which alone would lift the process's peak RSS by ~35 MB on a
 * large video. A young-generation collection every few MB keeps it flat at a cost of well
 * under 1% of the transfer time. `--expose-gc` set at run time exposes `gc` only to new
 * contexts (the same technique jest's leak detector uses); if that fails, nothing is done.
 */
const GC_EVERY_BYTES = 1024 * 1024;
let collect;
function exposedGc() {
    if (collect === undefined) {
        try {
            node_v8__WEBPACK_IMPORTED_MODULE_0___default().setFlagsFromString('--expose-gc');
            const fn = node_vm__WEBPACK_IMPORTED_MODULE_1___default().runInNewContext('gc');
            collect = typeof fn === 'function' ? fn : null;
        }
        catch {
            collect = null;
        }
    }
    return collect;
}
/**
 * A counter to call with the size of each chunk that passes through a large transfer;
 * it keeps the garbage of finished chunks from piling up (see above). Also used by the
 * release upload.
 */
function flatMemory() {
    let sinceLast = 0;
    return (bytes) => {
        sinceLast += bytes;
        if (sinceLast < GC_EVERY_BYTES)
            return;
        sinceLast = 0;
        exposedGc()?.({ type: 'minor' });
    };
}


/***/ }),

/***/ 9809:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   abortableSleep: () => (/* binding */ abortableSleep),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   qO: () => (/* binding */ retryDelayMs),
/* harmony export */   yy: () => (/* binding */ sleep)
/* harmony export */ });
/* unused harmony export backoffMs */
/** When to try again and how long to wait first. Pure: time and randomness are passed in. */
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
function retryDelayMs(attempt, retryAfterMs, backoff, maxMs = 300_000) {
    if (retryAfterMs !== undefined)
        return Math.min(retryAfterMs, maxMs);
    return backoffMs(attempt, backoff);
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** A sleep that ends early, rejecting with the signal's reason, when the signal aborts. */
function abortableSleep(signal) {
    return (ms) => new Promise((resolve, reject) => {
        if (signal.aborted)
            return reject(signal.reason);
        const onAbort = () => {
            clearTimeout(timer);
            reject(signal.reason);
        };
        const timer = setTimeout(() => {
            signal.removeEventListener('abort', onAbort);
            resolve();
        }, ms);
        signal.addEventListener('abort', onAbort, { once: true });
    });
}


/***/ })

};
