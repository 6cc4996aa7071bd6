export const id = 433;
export const ids = [433];
export const modules = {

/***/ 7433:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  download: () => (/* binding */ download)
});

// UNUSED EXPORTS: MAX_REDIRECTS, parseContentRange, tempPathFor

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/format.ts
var format = __webpack_require__(6264);
// EXTERNAL MODULE: ./src/api/url-policy.ts
var url_policy = __webpack_require__(9148);
;// CONCATENATED MODULE: ./src/delivery/download-check.ts
/**
 * What passes through a download: the format check on the first bytes (an MP4 `ftyp` box,
 * or a PNG/JPEG/WebP image), the byte count, and the progress lines. Never quotes a body
 * that is not the expected media: only its type and size are named.
 */




/**
 * The most a download may bring: far above any Seedance video (a 15 s 1080p clip is tens of
 * MB) or last frame, so only a broken or hostile server reaches it.
 */
const MAX_BYTES = { mp4: 2 * 1024 * format.MB, image: 64 * format.MB };
/** Enough of the body's start to recognise the format. */
const HEAD_BYTES = 64;
/** Below this size no progress lines are logged. */
const PROGRESS_MIN_BYTES = format.MB;
const PROGRESS_STEP_BYTES = 10 * format.MB;
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
function whatOf(expect) {
    return expect === 'mp4' ? 'video' : 'image';
}
/** `Downloading video: 30% (57.2 of 190.7 MB)`, or `Downloading video: 28.6 MB so far` when the size is unknown. */
function progressLine(what, bytes, total) {
    if (total === undefined || total <= 0)
        return `Downloading ${what}: ${(0,format/* formatBytes */.z3)(bytes)} so far`;
    const pct = Math.min(100, Math.floor((bytes / total) * 100));
    return `Downloading ${what}: ${pct}% (${(0,format/* formatBytes */.z3)(bytes).replace(/ [KMG]B$/, '')} of ${(0,format/* formatBytes */.z3)(total)})`;
}
/** Which progress step `bytes` is in: tenths when the size is known, else 10 MB steps. */
function progressStep(bytes, total) {
    if (total === undefined || total <= 0)
        return Math.floor(bytes / PROGRESS_STEP_BYTES);
    return Math.floor((bytes * 10) / total);
}
/** Counts, checks the format from the first bytes, and logs progress. */
class Meter extends external_node_stream_.Transform {
    expect;
    state;
    log;
    position;
    constructor(expect, state, start, log) {
        super();
        this.expect = expect;
        this.state = state;
        this.log = log;
        this.position = start;
    }
    _transform(chunk, _encoding, done) {
        try {
            this.position += chunk.length;
            if (this.position > MAX_BYTES[this.expect])
                throw tooLarge(this.expect, this.state.url);
            if (!this.state.checked)
                this.collectHead(chunk);
            const step = progressStep(this.position, this.state.total);
            if (step > this.state.lastStep) {
                // Small files (a last frame, a short clip) finish before progress would tell anyone anything.
                const worthIt = (this.state.total ?? Infinity) >= PROGRESS_MIN_BYTES;
                if (worthIt && (this.state.lastStep >= 0 || step > 0))
                    this.log(progressLine(whatOf(this.expect), this.position, this.state.total));
                this.state.lastStep = step;
            }
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
        const ok = this.expect === 'mp4' ? isMp4Header(head) : isImageHeader(head);
        if (!ok) {
            const kind = this.expect === 'mp4' ? 'an MP4 video' : 'a PNG, JPEG or WebP image';
            const type = this.state.contentType ? `content-type ${JSON.stringify(this.state.contentType.slice(0, 60))}` : 'no content-type';
            const size = this.state.total !== undefined ? `, ${(0,format/* formatBytes */.z3)(this.state.total)}` : '';
            const received = head.length === 0 ? 'an empty body' : `${type}${size}`;
            throw new errors/* ApiError */.hD(`The download from ${(0,url_policy/* displayUrl */.Qy)(this.state.url)} is not ${kind} (received ${received}); the link may point to an error page or have expired.`, 'protocol');
        }
        this.state.checked = true;
        this.state.head = undefined;
    }
}
/** The error for a body past MAX_BYTES (final: a retry would bring the same). */
function tooLarge(expect, url) {
    return new errors/* ApiError */.hD(`The download from ${(0,url_policy/* displayUrl */.Qy)(url)} is larger than ${(0,format/* formatBytes */.z3)(MAX_BYTES[expect])}, far more than any ${whatOf(expect)} of this model; it was stopped.`, 'protocol');
}

// EXTERNAL MODULE: ./src/api/http.ts
var http = __webpack_require__(5330);
// EXTERNAL MODULE: ./src/api/http-errors.ts
var http_errors = __webpack_require__(6364);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
// EXTERNAL MODULE: ./src/api/retry.ts
var retry = __webpack_require__(7018);
;// CONCATENATED MODULE: ./src/delivery/download.ts
/**
 * Downloading the finished video (or last frame) to a file.
 *
 * - Streams to a temporary file beside the target and renames it into place only when
 *   whole; the temporary file is deleted on every failure and on cancellation.
 * - Requests go through the one transport (http.ts): the key only to the API origin,
 *   redirects by hand, plain http:// only to loopback.
 * - A cut connection resumes with a Range request; 5xx, 429 and network errors are
 *   retried by the one retry engine (retry.ts), `maxRetries` failures in a row; an attempt
 *   that got bytes starts the count over.
 * - Memory stays flat whatever the size: the socket is piped into the file with back-pressure
 *   (a bounded write buffer), so only a few chunks are ever held; nothing is read whole.
 */













const MAX_REDIRECTS = 5;
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
function tempPathFor(dest) {
    // Bounded, so a file name the file system allows never becomes one it does not.
    return (0,external_node_path_.join)((0,external_node_path_.dirname)(dest), `.${(0,external_node_path_.basename)(dest).slice(0, 64)}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.part`);
}
/** A resume the server could not serve: what was received is thrown away and the download starts over. */
class StartOver extends errors/* ApiError */.hD {
    constructor(message, status) {
        super(message, 'transient', status);
    }
}
async function download(options) {
    const { signal } = options;
    if (signal?.aborted)
        throw (0,retry/* abortReason */.Js)(signal);
    const dest = (0,external_node_path_.resolve)(options.dest);
    let url;
    try {
        url = new URL(options.url);
    }
    catch {
        throw new errors/* ApiError */.hD(`The download link is not a valid URL.`, 'protocol');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new errors/* ApiError */.hD(`The download link must be an http(s) URL (got ${url.protocol}).`, 'protocol');
    }
    const what = whatOf(options.expect);
    try {
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(dest), { recursive: true });
    }
    catch (err) {
        throw new errors/* ApiError */.hD(`Could not create the folder ${(0,external_node_path_.dirname)(dest)} for the ${what} (${(0,http_errors/* errorCode */.CA)(err) ?? (0,errors/* errorMessage */.gJ)(err)}).`, 'protocol');
    }
    const temp = tempPathFor(dest);
    const state = { url, auth: url.origin === options.credentials.origin, received: 0, checked: false, lastStep: -1 };
    try {
        await fetchInto(options, state, temp);
        await (0,promises_.rename)(temp, dest).catch((err) => {
            throw new errors/* ApiError */.hD(`Could not move the downloaded ${what} into place at ${dest} (${(0,http_errors/* errorCode */.CA)(err) ?? (0,errors/* errorMessage */.gJ)(err)}).`, 'protocol');
        });
        return { path: dest, bytes: state.received, contentType: state.contentType };
    }
    catch (err) {
        await (0,promises_.rm)(temp, { force: true }).catch(() => undefined);
        if (signal?.aborted)
            throw (0,retry/* abortReason */.Js)(signal);
        throw err;
    }
}
async function fetchInto(options, state, temp) {
    const { maxRetries, signal, log } = options;
    const what = whatOf(options.expect);
    let before = 0;
    // A server that cuts every answer and then cannot resume would make progress forever:
    // starting over counts as a failed attempt, and only `maxRetries` of them are allowed.
    let startedOver = 0;
    const where = () => (state.total ? ` at ${progressLine(what, state.received, state.total).replace(/^Downloading [^:]+: /, '')}` : '');
    await (0,retry/* withRetries */.LH)(async () => {
        before = state.received;
        try {
            // A 206 that covers only part of the rest is followed by another request; it is a
            // failure only when it brought nothing.
            for (;;) {
                const start = state.received;
                const res = await download_open(options, state);
                await receive(options, state, res, temp);
                if (state.total === undefined || state.received === state.total)
                    return;
                if (state.received > state.total) {
                    throw new errors/* ApiError */.hD(`The ${what} from ${(0,url_policy/* displayUrl */.Qy)(state.url)} is larger than announced (${state.received} bytes received, ${state.total} expected).`, 'protocol');
                }
                if (state.received === start)
                    throw new errors/* ApiError */.hD(`${(0,url_policy/* displayUrl */.Qy)(state.url)} sent no data for the rest of the ${what}.`, 'transient');
            }
        }
        catch (err) {
            if (signal?.aborted)
                throw (0,retry/* abortReason */.Js)(signal);
            state.received = await sizeOf(temp);
            if (err instanceof StartOver) {
                startOver(state);
                before = 0;
                if (++startedOver > maxRetries)
                    throw new errors/* ApiError */.hD(`${err.message}; gave up after starting over ${startedOver} times.`, 'protocol', err.status);
            }
            throw err;
        }
    }, {
        maxRetries,
        deadline: options.deadline,
        retryable: (err) => (0,http_errors/* isRetryable */.r3)('download', err),
        sleep: (0,retry/* abortableSleep */.Mf)(signal, options.sleep ?? retry/* sleep */.yy),
        random: options.random,
        signal,
        progressed: () => state.received > before,
        onRetry: (err, delay, n) => log((0,retry/* retryLine */.Rn)(`${(0,errors/* errorMessage */.gJ)(err).replace(/\.$/, '')}${where()}`, delay, n, maxRetries, state.received > 0 ? 'Resuming' : 'Retrying')),
        giveUp: (err, max) => {
            const e = err;
            const got = state.total !== undefined && state.received > 0 ? ` with ${state.received} of ${state.total} bytes received` : '';
            const gaveUp = max === 0 ? ` (${(0,retry/* gaveUpText */.MS)(0)})` : `; ${(0,retry/* gaveUpText */.MS)(max).replace(' (', ' in a row (')}`;
            return new errors/* ApiError */.hD(`${e.message.replace(/\.$/, '')}${got}${gaveUp}.`, e.kind, e.status);
        }
    });
}
function startOver(state) {
    state.received = 0;
    state.total = undefined;
    state.etag = undefined;
    state.head = undefined;
    state.checked = false;
    state.lastStep = -1;
}
/** GET the current URL (redirects followed by the transport) until a response that carries the body. */
async function download_open(options, state) {
    const headers = { 'user-agent': options.userAgent, accept: '*/*', 'accept-encoding': 'identity' };
    if (state.received > 0) {
        headers.range = `bytes=${state.received}-`;
        if (state.etag)
            headers['if-range'] = state.etag;
    }
    let res;
    try {
        res = await (0,http/* send */.tN)({
            method: 'GET',
            url: state.url,
            headers,
            credentials: state.auth ? options.credentials : undefined,
            idleTimeoutMs: options.timeoutMs,
            maxRedirects: MAX_REDIRECTS,
            // The link came from a server: never to a metadata service, nor to loopback unless the API is there.
            guard: { allowLoopback: options.allowLoopback ?? (0,url_policy/* isLoopbackHost */.cW)(new URL(options.credentials.origin).hostname) },
            signal: options.signal
        });
    }
    catch (err) {
        if (options.signal?.aborted)
            throw (0,retry/* abortReason */.Js)(options.signal);
        throw (0,http_errors/* classifyNetworkError */.LW)('download', err, state.url, options.timeoutMs);
    }
    const { status } = res;
    if (status === 200 || status === 206) {
        state.url = res.url;
        state.auth = res.credentialsSent;
        return res;
    }
    if (status === 416 && state.received > 0) {
        res.body.resume();
        throw new StartOver(`${(0,url_policy/* displayUrl */.Qy)(res.url)} could not resume the download (HTTP 416)`, status);
    }
    const secrets = [...Object.values(options.credentials.headers), options.url, res.url.href];
    const text = (0,redact/* redactSecrets */.fp)(await (0,http/* readSome */.jV)(res.body, 4096), secrets);
    return Promise.reject((0,http_errors/* classifyResponse */.IJ)('download', { status, headers: res.headers, text }, {
        what: whatOf(options.expect),
        url: res.url,
        fromApi: res.url.origin === options.credentials.origin,
        keySent: res.credentialsSent
    }));
}
/** Streams one response body into the temporary file. */
async function receive(options, state, res, temp) {
    const what = whatOf(options.expect);
    const length = lengthOf(res);
    if (res.status === 206) {
        const range = parseContentRange(res.headers.get('content-range'));
        if (!range || range.start !== state.received || (state.total !== undefined && range.total !== undefined && range.total !== state.total)) {
            res.body.destroy();
            throw new StartOver(`${(0,url_policy/* displayUrl */.Qy)(state.url)} answered the resume with a range that does not fit`, res.status);
        }
        state.total = range.total ?? state.total;
    }
    else {
        if (state.received > 0) {
            options.log(`${(0,url_policy/* displayUrl */.Qy)(state.url)} cannot resume; starting the download of the ${what} over.`);
            startOver(state);
        }
        state.total = length;
        state.etag = strongEtag(res.headers.get('etag'));
    }
    if (state.total !== undefined && state.total > MAX_BYTES[options.expect]) {
        res.body.destroy();
        throw tooLarge(options.expect, state.url);
    }
    state.contentType = res.headers.get('content-type') ?? undefined;
    if (state.received === 0) {
        options.log(`Downloading the ${what} from ${(0,url_policy/* displayUrl */.Qy)(state.url)}${state.total !== undefined ? ` (${(0,format/* formatBytes */.z3)(state.total)})` : ''}.`);
    }
    const file = (0,external_node_fs_.createWriteStream)(temp, { flags: state.received === 0 ? 'w' : 'r+', start: state.received, highWaterMark: 1024 * 1024 });
    const meter = new Meter(options.expect, state, state.received, options.log);
    try {
        await (0,external_node_stream_promises_.pipeline)(res.body, meter, file);
    }
    catch (err) {
        if (!file.closed)
            await new Promise((done) => file.once('close', () => done()));
        if (err instanceof errors/* ApiError */.hD || (err instanceof Error && err.name === 'AbortError'))
            throw err;
        if ((0,http_errors/* isDiskError */.Mi)(err))
            throw new errors/* ApiError */.hD(`Could not write the ${what} to ${(0,external_node_path_.dirname)(temp)} (${(0,http_errors/* errorCode */.CA)(err)}).`, 'protocol');
        throw (0,http_errors/* classifyNetworkError */.LW)('download', err, state.url, options.timeoutMs);
    }
    state.received = meter.position;
}
function lengthOf(res) {
    const encoding = res.headers.get('content-encoding');
    if (encoding && encoding !== 'identity')
        return undefined;
    const value = res.headers.get('content-length');
    if (value === null || !/^\d+$/.test(value))
        return undefined;
    return Number(value);
}
function strongEtag(value) {
    return value && !value.startsWith('W/') ? value : undefined;
}
async function sizeOf(path) {
    try {
        return (await (0,promises_.stat)(path)).size;
    }
    catch {
        return 0;
    }
}


/***/ })

};
