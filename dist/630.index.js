export const id = 630;
export const ids = [630,416];
export const modules = {

/***/ 4416:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  USER_AGENT: () => (/* binding */ USER_AGENT),
  VideoClient: () => (/* binding */ VideoClient)
});

// UNUSED EXPORTS: MAX_ANSWER_BYTES

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/retry.ts
var retry = __webpack_require__(9809);
// EXTERNAL MODULE: ./src/http.ts
var http = __webpack_require__(6803);
// EXTERNAL MODULE: ./src/http-errors.ts
var http_errors = __webpack_require__(223);
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
/** A task object is a few kB; anything past this is not one. */
const MAX_ANSWER_BYTES = 1024 * 1024;
class VideoClient {
    options;
    constructor(options) {
        this.options = options;
    }
    /** `POST /v1/videos`. Throws ApiError; see the retry rule above. */
    async submit(body) {
        const result = await this.withRetries('submit', () => this.json('submit', 'POST', '/v1/videos', JSON.stringify(body)));
        if (result.task.id === undefined) {
            throw new errors/* ApiError */.hD(`PowerTokens accepted the request but its answer has no task id, so the task cannot be followed: ${result.raw.slice(0, 300)}`, 'protocol');
        }
        return result;
    }
    /** `GET /v1/videos/{id}`, retrying transient failures. */
    async getTask(id) {
        return this.withRetries('poll', () => this.json('poll', 'GET', `/v1/videos/${encodeURIComponent(id)}`));
    }
    /** Absolute URL of an API path. */
    url(path) {
        return `${this.options.baseUrl}${path}`;
    }
    /** The API origin: the only place the key is ever sent. */
    get origin() {
        return new URL(this.options.baseUrl).origin;
    }
    /** The key, for requests to `origin` only (the transport enforces it). */
    credentials() {
        return { origin: this.origin, headers: { authorization: `Bearer ${this.options.apiKey}` } };
    }
    withRetries(phase, attempt) {
        const { maxRetries, log, sleep = retry/* sleep */.yy, random, signal } = this.options;
        return (0,retry/* withRetries */.LH)(attempt, {
            maxRetries,
            retryable: (err) => (0,http_errors/* isRetryable */.r3)(phase, err),
            sleep: (0,retry.abortableSleep)(signal, sleep),
            random,
            signal,
            onRetry: (err, delay, n) => log?.((0,retry/* retryLine */.Rn)((0,errors/* errorMessage */.gJ)(err), delay, n, maxRetries)),
            giveUp: (err, max) => {
                const e = err;
                const text = (0,retry/* gaveUpText */.MS)(max);
                return new errors/* ApiError */.hD(`${e.message} ${text[0]?.toUpperCase()}${text.slice(1)}${phase === 'submit' ? '; nothing was created' : ''}.`, e.kind, e.status, undefined, e.code);
            }
        });
    }
    async json(phase, method, path, body) {
        const url = this.url(path);
        const { timeoutMs, signal } = this.options;
        const headers = { 'user-agent': USER_AGENT, accept: 'application/json' };
        if (body !== undefined)
            headers['content-type'] = 'application/json';
        const started = Date.now();
        this.options.debug?.(`${method} ${url}${body === undefined ? '' : ` (${body.length} bytes)`}`);
        let response;
        try {
            response = await (0,http/* exchange */.cv)({
                method,
                url,
                headers,
                credentials: this.credentials(),
                body,
                timeoutMs,
                idleTimeoutMs: timeoutMs,
                maxBytes: MAX_ANSWER_BYTES,
                signal
            });
        }
        catch (err) {
            this.options.debug?.(`${method} ${url} failed after ${Date.now() - started} ms: ${(0,errors/* errorMessage */.gJ)(err)}`);
            if (signal?.aborted)
                throw err;
            throw (0,http_errors/* classifyNetworkError */.LW)(phase, err, url, timeoutMs);
        }
        const raw = response.text;
        this.options.debug?.(`${method} ${url} -> HTTP ${response.status} in ${Date.now() - started} ms: ${raw.slice(0, 2000)}`);
        if (response.status < 200 || response.status > 299)
            throw (0,http_errors/* classifyResponse */.IJ)(phase, response);
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

/***/ 1630:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   deliver: () => (/* binding */ deliver)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4416);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6264);
/**
 * A finished task, delivered: its links, and with `output-path` or `upload-to-release` the
 * video (and last frame) saved and the video attached to the release. Each fact is handed to
 * `record` as soon as it is known, so a later failure loses nothing.
 */



async function deliver(o) {
    const { task, client } = o;
    const videoUrl = task.videoUrl ?? client.url(`/v1/videos/${encodeURIComponent(o.taskId)}/content`);
    o.record({ videoUrl });
    if (task.lastFrameUrl)
        o.record({ lastFrameUrl: task.lastFrameUrl });
    if (o.dest === undefined && o.release === undefined)
        return;
    const { download } = await __webpack_require__.e(/* import() */ 255).then(__webpack_require__.bind(__webpack_require__, 255));
    const common = {
        credentials: client.credentials(),
        userAgent: _client_js__WEBPACK_IMPORTED_MODULE_1__.USER_AGENT,
        maxRetries: o.maxRetries,
        timeoutMs: o.timeoutMs,
        log: o.log,
        signal: o.signal
    };
    const dest = o.dest ?? (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(o.tempDir, `${o.taskId.replace(/[^\w.-]/g, '_')}.mp4`);
    const saved = await download({ ...common, url: videoUrl, dest, expect: 'mp4' });
    o.record({ videoPath: saved.path });
    o.log(`Saved the video to ${o.show(saved.path)} (${(0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .formatBytes */ .z3)(saved.bytes)}).`);
    if (task.lastFrameUrl && o.dest !== undefined) {
        const frame = await download({ ...common, url: task.lastFrameUrl, dest: o.lastFramePath(saved.path), expect: 'image' });
        o.record({ lastFramePath: frame.path });
        o.log(`Saved the last frame to ${o.show(frame.path)}.`);
    }
    if (o.release) {
        const { uploadToRelease } = await __webpack_require__.e(/* import() */ 202).then(__webpack_require__.bind(__webpack_require__, 4202));
        const name = o.release.assetName ?? saved.path.split(/[\\/]/).pop() ?? `${o.taskId}.mp4`;
        const asset = await uploadToRelease({ token: o.release.token, file: saved.path, name, contentType: 'video/mp4', tag: o.release.tag, log: o.log }, o.release.target);
        o.record({ releaseAssetUrl: asset.url });
        o.log(`Attached ${name} to the release: ${asset.url}`);
    }
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
