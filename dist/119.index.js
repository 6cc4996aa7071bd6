export const id = 119;
export const ids = [119,809];
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

/***/ 2119:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  USER_AGENT: () => (/* binding */ USER_AGENT),
  VideoClient: () => (/* binding */ VideoClient)
});

// EXTERNAL MODULE: ./src/api-errors.ts
var api_errors = __webpack_require__(5451);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
;// CONCATENATED MODULE: ./src/http.ts
/**
 * One JSON-sized HTTP exchange over node:http(s), the same transport as the download, so
 * a run loads no second HTTP stack (fetch brings undici: ~7 ms and ~2.5 MB per run).
 * Failures keep Node's error codes (ECONNREFUSED, ECONNRESET...) for api-errors.ts;
 * running out of time rejects with an error named TimeoutError.
 */


function requestText(r) {
    const url = new URL(r.url);
    const transport = url.protocol === 'https:' ? (external_node_https_default()) : (external_node_http_default());
    const headers = { ...r.headers };
    if (r.body !== undefined)
        headers['content-length'] = String(Buffer.byteLength(r.body));
    return new Promise((resolve, reject) => {
        const req = transport.request(url, { method: r.method, headers, signal: r.signal }, (res) => {
            const chunks = [];
            res.on('data', (chunk) => chunks.push(chunk));
            res.on('error', reject);
            res.on('end', () => {
                clearTimeout(timer);
                resolve({
                    status: res.statusCode ?? 0,
                    headers: {
                        get: (name) => {
                            const v = res.headers[name.toLowerCase()];
                            return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
                        }
                    },
                    text: Buffer.concat(chunks).toString('utf8')
                });
            });
        });
        const timer = setTimeout(() => {
            const err = new Error(`no answer within ${r.timeoutMs} ms`);
            err.name = 'TimeoutError';
            req.destroy(err);
        }, r.timeoutMs);
        req.on('error', (err) => {
            clearTimeout(timer);
            reject(err);
        });
        req.end(r.body);
    });
}

// EXTERNAL MODULE: ./src/retry.ts
var retry = __webpack_require__(9809);
// EXTERNAL MODULE: ./node_modules/zod/v4/mini/schemas.js + 5 modules
var schemas = __webpack_require__(8395);
// EXTERNAL MODULE: ./src/status.ts
var src_status = __webpack_require__(5565);
;// CONCATENATED MODULE: ./src/task.ts
/**
 * The video task object as the API returns it, read tolerantly: every field is optional
 * and a field of an unexpected type is ignored rather than failing the run.
 */


const str = schemas/* catch */.MfU(schemas/* optional */.lqM(schemas/* string */.YjP()), undefined);
const num = schemas/* catch */.MfU(schemas/* optional */.lqM(schemas/* number */.aig()), undefined);
const id = schemas/* catch */.MfU(schemas/* optional */.lqM(schemas/* pipe */.FsL(schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()]), schemas/* transform */.pdi((v) => String(v)))), undefined);
const TaskObject = schemas/* looseObject */._H3({
    id,
    task_id: id,
    status: str,
    progress: num,
    created_at: num,
    completed_at: num,
    expires_at: num,
    video_url: str,
    last_frame_url: str,
    error: schemas/* catch */.MfU(schemas/* optional */.lqM(schemas/* looseObject */._H3({ message: str, code: schemas/* catch */.MfU(schemas/* optional */.lqM(schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()])), undefined) })), undefined),
    metadata: schemas/* catch */.MfU(schemas/* optional */.lqM(schemas/* looseObject */._H3({ url: str })), undefined),
    content: schemas/* catch */.MfU(schemas/* optional */.lqM(schemas/* looseObject */._H3({ video_url: str, last_frame_url: str })), undefined)
});
function readTask(data) {
    const object = TaskObject.parse(typeof data === 'object' && data !== null ? data : {});
    const error = object.error;
    return {
        id: object.id ?? object.task_id,
        status: (0,src_status/* normalizeStatus */.S)(object.status),
        rawStatus: object.status,
        progress: object.progress,
        videoUrl: object.metadata?.url ?? object.video_url ?? object.content?.video_url,
        lastFrameUrl: object.last_frame_url ?? object.content?.last_frame_url,
        error: error && (error.message || error.code !== undefined) ? { message: error.message, code: error.code === undefined ? undefined : String(error.code) } : undefined,
        object
    };
}

;// CONCATENATED MODULE: ./src/version.ts
/** The action's version, sent in the User-Agent. A test keeps it equal to package.json's. */
const ACTION_NAME = 'seedance-action';
const ACTION_VERSION = '1.0.0';

;// CONCATENATED MODULE: ./src/client.ts
/**
 * The PowerTokens video API: submit a task, read a task. The key is sent only to the
 * configured API origin, and redirects are never followed with it.
 *
 * A submit is re-sent only when the server said nothing was created (429) or the
 * connection was refused before the request went out; every other failure is final,
 * because a blind re-submit can create (and bill) a second task.
 */






const USER_AGENT = `${ACTION_NAME}/${ACTION_VERSION} (GitHub Action; node ${process.version})`;
const BACKOFF = { baseMs: 1000, capMs: 30_000 };
class VideoClient {
    options;
    constructor(options) {
        this.options = options;
    }
    /** `POST /v1/videos`. Throws ApiError; see the retry rule above. */
    async submit(body) {
        const result = await this.withRetries('submit', (e) => e.kind === 'rate-limited' || e.kind === 'not-sent', () => this.json('submit', 'POST', '/v1/videos', JSON.stringify(body)));
        if (result.task.id === undefined) {
            throw new errors/* ApiError */.hD(`PowerTokens accepted the request but its answer has no task id, so the task cannot be followed: ${result.raw.slice(0, 300)}`, 'protocol');
        }
        return result;
    }
    /** `GET /v1/videos/{id}`, retrying transient failures. */
    async getTask(id) {
        return this.withRetries('poll', (e) => e.kind === 'rate-limited' || e.kind === 'not-sent' || e.kind === 'transient', () => this.json('poll', 'GET', `/v1/videos/${encodeURIComponent(id)}`));
    }
    /** Absolute URL of an API path. */
    url(path) {
        return `${this.options.baseUrl}${path}`;
    }
    /** The API origin: the only place the key is ever sent. */
    get origin() {
        return new URL(this.options.baseUrl).origin;
    }
    /** The credential header, for requests to `origin` only. */
    authHeaders() {
        return { authorization: `Bearer ${this.options.apiKey}` };
    }
    async withRetries(phase, retryable, attempt) {
        const { maxRetries, log, sleep = retry/* sleep */.yy, random } = this.options;
        for (let n = 0;; n++) {
            try {
                return await attempt();
            }
            catch (err) {
                if (!(err instanceof errors/* ApiError */.hD) || !retryable(err) || this.options.signal?.aborted)
                    throw err;
                if (n >= maxRetries) {
                    throw new errors/* ApiError */.hD(`${err.message} Gave up after ${maxRetries} ${maxRetries === 1 ? 'retry' : 'retries'} (\`max-retries\`)${phase === 'submit' ? '; nothing was created' : ''}.`, err.kind, err.status, undefined, err.code);
                }
                const delay = (0,retry/* retryDelayMs */.qO)(n, err.retryAfterMs, { ...BACKOFF, random });
                log?.(`${err.message} Retrying in ${(delay / 1000).toFixed(1)} s (${n + 1}/${maxRetries}).`);
                await sleep(delay);
            }
        }
    }
    async json(phase, method, path, body) {
        const url = this.url(path);
        const { timeoutMs, signal } = this.options;
        const headers = { ...this.authHeaders(), 'user-agent': USER_AGENT, accept: 'application/json' };
        if (body !== undefined)
            headers['content-type'] = 'application/json';
        const started = Date.now();
        this.options.debug?.(`${method} ${url}${body === undefined ? '' : ` (${body.length} bytes)`}`);
        let response;
        try {
            response = await requestText({ method, url, headers, body, timeoutMs, signal });
        }
        catch (err) {
            this.options.debug?.(`${method} ${url} failed after ${Date.now() - started} ms: ${(0,errors/* errorMessage */.gJ)(err)}`);
            if (signal?.aborted)
                throw err;
            throw (0,api_errors/* classifyNetworkError */.LW)(phase, err, url, timeoutMs);
        }
        const raw = response.text;
        this.options.debug?.(`${method} ${url} -> HTTP ${response.status} in ${Date.now() - started} ms: ${raw.slice(0, 2000)}`);
        if (response.status < 200 || response.status > 299)
            throw (0,api_errors/* classifyResponse */.IJ)(phase, response.status, raw, response.headers);
        let data;
        try {
            data = JSON.parse(raw);
        }
        catch {
            const kind = phase === 'submit' ? 'unknown-outcome' : 'transient';
            const advice = phase === 'submit'
                ? ' A task may have been created: check your PowerTokens dashboard before re-running.'
                : '';
            throw new errors/* ApiError */.hD(`PowerTokens answered HTTP ${response.status} with something that is not JSON ("${raw.trim().slice(0, 80)}").${advice}`, kind, response.status);
        }
        return { task: readTask(data), raw, retryAfterMs: (0,retry/* parseRetryAfter */.mu)(response.headers.get('retry-after')) };
    }
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


/***/ }),

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


/***/ })

};
