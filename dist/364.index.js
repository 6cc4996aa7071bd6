export const id = 364;
export const ids = [364];
export const modules = {

/***/ 6364:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CA: () => (/* binding */ errorCode),
/* harmony export */   IJ: () => (/* binding */ classifyResponse),
/* harmony export */   LW: () => (/* binding */ classifyNetworkError),
/* harmony export */   Mi: () => (/* binding */ isDiskError),
/* harmony export */   ip: () => (/* binding */ UNKNOWN_ADVICE),
/* harmony export */   r3: () => (/* binding */ isRetryable)
/* harmony export */ });
/* unused harmony export readServerMessage */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6264);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5330);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6670);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7018);
/* harmony import */ var _url_policy_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9148);
/**
 * The one classifier: an HTTP answer, or a request that got none, becomes an ApiError whose
 * kind decides retries and whose message tells the user what to do. The phase decides only
 * the wording and whether a re-send is safe:
 *
 * - `submit` (POST /v1/videos) and `upload` (to the Asset Library) create something that is
 *   billed or stored: after a 5xx, a timeout or a drop the outcome is unknown, never re-sent;
 * - `poll`, `asset-poll` and `download` only read: those failures are transient, retried.
 *
 * A 429 or a refused connection is safe to re-send in every phase. Pure.
 */






/** Whether a failure of this kind may be sent again in this phase. */
function isRetryable(phase, err) {
    if (!(err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD))
        return false;
    if (err.kind === 'rate-limited' || err.kind === 'not-sent')
        return true;
    return err.kind === 'transient' && (phase === 'poll' || phase === 'asset-poll' || phase === 'download');
}
/** `{"error": {"message", "code"}}`, `{"message"}`, a gateway's HTML page, or a storage service's XML `<Error>`. */
function readServerMessage(text, contentType = '') {
    const read = readRaw(text, contentType);
    return {
        ...read,
        message: read.message === undefined ? undefined : (0,_redact_js__WEBPACK_IMPORTED_MODULE_4__/* .cleanText */ .X5)(read.message, 300) || undefined,
        code: read.code === undefined ? undefined : (0,_redact_js__WEBPACK_IMPORTED_MODULE_4__/* .cleanText */ .X5)(read.code, 80) || undefined
    };
}
function readRaw(text, contentType) {
    const trimmed = text.trim();
    if (/html/i.test(contentType) || /^<(!doctype|html)/i.test(trimmed)) {
        const title = /<title>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim();
        return { message: title || undefined, html: true };
    }
    if (/xml/i.test(contentType) || /^(<\?xml|<Error>)/i.test(trimmed)) {
        const tag = (name) => new RegExp(`<${name}>([^<]*)</${name}>`, 'i').exec(trimmed)?.[1]?.trim() || undefined;
        return { code: tag('Code'), message: tag('Message'), html: false };
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
const UNKNOWN_ADVICE = 'a task may have been created and billed. Check your PowerTokens dashboard before re-running; if the task is there, collect it with the `task-id` input instead of submitting again.';
function detail(status, msg) {
    const head = msg.code ? `HTTP ${status}, ${msg.code}` : `HTTP ${status}`;
    return msg.message ? `${head}: ${msg.message}` : head;
}
/** A non-2xx answer. */
function classifyResponse(phase, answer, ctx = {}) {
    const { status, headers } = answer;
    const msg = answer.said ?? readServerMessage(answer.text, headers.get('content-type') ?? '');
    const retryAfter = (0,_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .parseRetryAfter */ .mu)(headers.get('retry-after'));
    const make = (message, kind, after) => new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(message, kind, status, after, msg.code);
    if (phase === 'download')
        return classifyDownload(answer, msg, ctx, make, retryAfter);
    if (phase === 'upload' || phase === 'asset-poll')
        return classifyLibrary(phase, status, msg, headers, make, retryAfter);
    const what = detail(status, msg);
    if (status === 429)
        return make(`PowerTokens is rate-limiting requests (${what}).`, 'rate-limited', retryAfter);
    if (status === 401 || msg.code === 'token_invalid' || msg.code === 'invalid_api_key') {
        return make(`PowerTokens rejected the API key (${what}): check the secret passed as \`api-key\`.`, 'auth');
    }
    if (status === 402 || (status === 403 && BALANCE_WORDS.test(`${msg.message ?? ''} ${msg.code ?? ''}`))) {
        return make(`PowerTokens refused the task for lack of balance or quota (${what}): top up the account or raise the key's quota, then re-run.`, 'balance');
    }
    if (status === 403)
        return make(`PowerTokens refused access (${what}): check that the key may use this model.`, 'auth');
    if (phase === 'submit') {
        if (status >= 400 && status < 500 && !msg.html)
            return make(`PowerTokens rejected the request (${what}).`, 'rejected');
        const source = msg.html ? `HTTP ${status} with an HTML page${msg.message ? ` "${msg.message}"` : ''} from a gateway` : what;
        return make(`The submit's outcome is unknown (${source}): ${UNKNOWN_ADVICE}`, 'unknown-outcome');
    }
    if (status === 404)
        return make(`PowerTokens does not know this task (${what}): check the id; tasks can be read for 7 days after they are created.`, 'not-found');
    if (status >= 500 || status === 408) {
        return make(`PowerTokens answered ${msg.html ? `HTTP ${status} (an HTML page from a gateway)` : what}.`, 'transient', retryAfter);
    }
    return make(`PowerTokens answered ${what}.`, 'rejected');
}
function classifyDownload(answer, msg, ctx, make, retryAfter) {
    const { status } = answer;
    const what = ctx.what ?? 'video';
    const said = [msg.code, msg.message?.slice(0, 200)].filter(Boolean).join(': ');
    const detailText = `HTTP ${status}${ctx.url ? ` from ${(0,_url_policy_js__WEBPACK_IMPORTED_MODULE_5__/* .displayUrl */ .Qy)(ctx.url)}` : ''}${msg.html ? ', an HTML page' : ''}${said ? `: ${said}` : ''}`;
    if (status === 429)
        return make(`The download of the ${what} failed (${detailText}).`, 'rate-limited', retryAfter);
    if (status === 408 || status >= 500)
        return make(`The download of the ${what} failed (${detailText}).`, 'transient', retryAfter);
    if (status === 404 && ctx.fromApi) {
        return make(`PowerTokens has no ${what} for this task (${detailText}): check the task id; tasks can be read for 7 days after they are created.`, 'not-found');
    }
    if (status === 404) {
        return make(`The ${what} is gone (${detailText}): download links are valid for about 24 hours, so re-read the task with the \`task-id\` input (within 7 days of its creation) to get a fresh link.`, 'not-found');
    }
    if (status === 400 && ctx.fromApi) {
        return make(`PowerTokens will not serve the ${what} yet (${detailText}): the task is probably not finished; wait for it (\`wait: true\`) before downloading.`, 'rejected');
    }
    if (status === 401 || status === 403) {
        const advice = ctx.fromApi && ctx.keySent
            ? 'check the API key passed as `api-key`'
            : 'the signed link may have expired (links are valid for about 24 hours); re-read the task with the `task-id` input to get a fresh one';
        return make(`The download of the ${what} was refused (${detailText}): ${advice}.`, 'auth');
    }
    return make(`The download of the ${what} failed (${detailText}).`, 'protocol');
}
function classifyLibrary(phase, status, msg, headers, make, retryAfter) {
    const reason = msg.message;
    const note = msg.code !== undefined ? ` (code ${msg.code})` : ` (HTTP ${status})`;
    if (status === 429)
        return make(`The Asset Library is rate-limiting requests (${reason ?? 'HTTP 429'}).`, 'rate-limited', retryAfter);
    if (status === 401)
        return make(`The Asset Library rejected the API key${reason ? ` (${reason})` : ''}; check the secret passed as \`api-key\`.`, 'auth');
    if (status >= 300 && status < 400) {
        const location = headers.get('location');
        return make(`The Asset Library answered HTTP ${status}, a redirect to ${location ? (0,_url_policy_js__WEBPACK_IMPORTED_MODULE_5__/* .displayUrl */ .Qy)(location) : 'another address'}; the key is only sent to the configured origin, so check \`asset-base-url\`.`, 'protocol');
    }
    if (status >= 500 || status === 408) {
        const what = msg.html ? `HTTP ${status}, an HTML page from a gateway` : `${reason ?? 'server error'}${note}`;
        // A poll is retried; an upload may have been stored, so it is not sent again.
        return make(`${what[0]?.toUpperCase()}${what.slice(1)}.`, phase === 'asset-poll' ? 'transient' : 'unknown-outcome', retryAfter);
    }
    if (status === 413)
        return make(`The file is too large for the Asset Library${reason ? ` (${reason})` : ''}${note}.`, 'rejected');
    return make(`${reason ? `${reason[0]?.toUpperCase()}${reason.slice(1)}` : 'Refused'}${note}.`, 'rejected');
}
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
/** Errors of the local file system: reported as what they are, never retried as if the network failed. */
const DISK_CODES = /^E(NOSPC|ACCES|PERM|ROFS|DQUOT|IO|NAMETOOLONG|NOTDIR|ISDIR|FBIG|LOOP|MFILE|NFILE|EXIST)$/;
function errorCode(err) {
    let e = err;
    for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
        const code = e.code;
        if (typeof code === 'string')
            return code;
        e = e.cause;
    }
    return undefined;
}
/** A request that got no (whole) HTTP answer. */
function classifyNetworkError(phase, err, url, timeoutMs) {
    if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD)
        return err;
    if (err instanceof _http_js__WEBPACK_IMPORTED_MODULE_2__/* .RedirectError */ .Lx)
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(err.message, 'protocol', err.status || undefined);
    if (err instanceof _http_js__WEBPACK_IMPORTED_MODULE_2__/* .UnsafeAddressError */ .rt || errorCode(err) === 'EUNSAFEADDRESS') {
        const e = err;
        const host = e.url?.hostname ?? new URL(url).hostname;
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`The link points to ${host}, ${e.reason ?? 'an address that is refused'}: it was not fetched (links to link-local, cloud metadata or loopback addresses never are).`, 'unsafe-link', undefined, undefined, 'EUNSAFEADDRESS');
    }
    const code = errorCode(err);
    const origin = new URL(url).origin;
    const creates = phase === 'submit' || phase === 'upload';
    if (code !== undefined && NOT_SENT_CODES.has(code)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`Could not connect to ${origin} (${code}); nothing was sent.`, 'not-sent', undefined, undefined, code);
    }
    let what;
    if (err instanceof _http_js__WEBPACK_IMPORTED_MODULE_2__/* .BodyTooLargeError */ .Au)
        what = `the answer from ${origin} was larger than ${err.maxBytes} bytes and was not read`;
    else if (err instanceof _http_js__WEBPACK_IMPORTED_MODULE_2__/* .RequestTimeoutError */ .DH)
        what = phase === 'download' ? `no data from ${origin} for ${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(timeoutMs)}` : `no answer from ${origin} within ${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(timeoutMs)}`;
    else
        what = `the connection to ${origin} dropped (${code ?? (err instanceof Error ? err.message : String(err))})`;
    if (phase === 'submit')
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`The submit's outcome is unknown (${what}): ${UNKNOWN_ADVICE}`, 'unknown-outcome', undefined, undefined, code);
    if (creates)
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`The outcome of the upload is unknown (${what}); it was not sent again.`, 'unknown-outcome', undefined, undefined, code);
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ApiError */ .hD(`${what[0]?.toUpperCase()}${what.slice(1)}.`, 'transient', undefined, undefined, code);
}
/** A file that could not be written: final, with the folder named. */
function isDiskError(err) {
    const code = errorCode(err);
    return code !== undefined && DISK_CODES.test(code);
}


/***/ }),

/***/ 5330:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Au: () => (/* binding */ BodyTooLargeError),
/* harmony export */   DH: () => (/* binding */ RequestTimeoutError),
/* harmony export */   Lx: () => (/* binding */ RedirectError),
/* harmony export */   cv: () => (/* binding */ exchange),
/* harmony export */   jV: () => (/* binding */ readSome),
/* harmony export */   rt: () => (/* binding */ UnsafeAddressError),
/* harmony export */   tN: () => (/* binding */ send)
/* harmony export */ });
/* unused harmony export readBody */
/* harmony import */ var node_dns__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(610);
/* harmony import */ var node_dns__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_dns__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _url_policy_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9148);
/**
 * The one HTTP transport: every request of the action (API, Asset Library, downloads) goes
 * through `send`, over node:http(s) (fetch would load undici: ~7 ms and ~2.5 MB per run).
 *
 * - Credentials go only to their own origin, over https or loopback http (url-policy.ts);
 *   redirects are followed by hand, and once one leaves that origin the credentials are
 *   dropped for good.
 * - `idleTimeoutMs` bounds the wait for the head and every gap in the body; `exchange` also
 *   bounds the whole exchange and the size of the answer.
 * - Failures keep Node's error codes (ECONNREFUSED, ECONNRESET...) for http-errors.ts;
 *   running out of time rejects with a RequestTimeoutError.
 */





function refusedAddress(address, guard) {
    return (0,_url_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .unsafeAddress */ .$x)(address, guard.allowLoopback) ?? (guard.allowPrivate === false ? (0,_url_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .privateAddress */ .wv)(address) : undefined);
}
/** A redirect the policy refuses, or one too many. */
class RedirectError extends Error {
    status;
    name = 'RedirectError';
    constructor(message, status) {
        super(message);
        this.status = status;
    }
}
/** An answer larger than the caller's cap. */
class BodyTooLargeError extends Error {
    maxBytes;
    name = 'BodyTooLargeError';
    constructor(maxBytes) {
        super(`the answer is larger than ${maxBytes} bytes`);
        this.maxBytes = maxBytes;
    }
}
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** No answer, or no data, for the request's timeout. */
class RequestTimeoutError extends Error {
    name = 'TimeoutError';
    constructor(url, ms) {
        super(`no data from ${url.origin} for ${ms} ms`);
    }
}
function headersOf(res) {
    return {
        get: (name) => {
            const v = res.headers[name.toLowerCase()];
            return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
        }
    };
}
/** A link the guard refuses. Its code tells http-errors.ts. */
class UnsafeAddressError extends Error {
    url;
    reason;
    name = 'UnsafeAddressError';
    code = 'EUNSAFEADDRESS';
    constructor(url, reason) {
        super(`${url.hostname} is ${reason}`);
        this.url = url;
        this.reason = reason;
    }
}
function checkHost(url, guard) {
    if (!guard)
        return;
    const reason = (0,_url_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .unsafeHost */ .bt)(url, guard.allowLoopback) ?? (guard.allowPrivate === false ? (0,_url_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .privateAddress */ .wv)(url.hostname) : undefined);
    if (reason)
        throw new UnsafeAddressError(url, reason);
}
/** dns.lookup, refusing any unsafe address it resolves to (checked after DNS, so a name cannot hide one). */
function guardedLookup(url, guard) {
    return (hostname, options, callback) => {
        node_dns__WEBPACK_IMPORTED_MODULE_0___default().lookup(hostname, { ...options, all: true }, (err, addresses) => {
            if (err)
                return callback(err, '');
            const bad = addresses.map((a) => refusedAddress(a.address, guard)).find((r) => r !== undefined);
            if (bad)
                return callback(new UnsafeAddressError(url, bad), '');
            if (options.all)
                return callback(null, addresses);
            const first = addresses[0];
            if (!first)
                return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '');
            callback(null, first.address, first.family);
        });
    };
}
/** One request, no redirects: resolves with the response head. */
function once(r, url, withCredentials) {
    const headers = {};
    if (withCredentials && r.credentials)
        for (const [k, v] of Object.entries(r.credentials.headers))
            headers[k.toLowerCase()] = v;
    for (const [k, v] of Object.entries(r.headers ?? {}))
        headers[k.toLowerCase()] = v;
    const body = r.body;
    if (typeof body === 'string' || Buffer.isBuffer(body))
        headers['content-length'] = String(Buffer.byteLength(body));
    else if (body !== undefined && r.contentLength !== undefined)
        headers['content-length'] = String(r.contentLength);
    const transport = url.protocol === 'https:' ? (node_https__WEBPACK_IMPORTED_MODULE_2___default()) : (node_http__WEBPACK_IMPORTED_MODULE_1___default());
    return new Promise((resolve, reject) => {
        let response;
        const lookup = r.guard ? guardedLookup(url, r.guard) : undefined;
        const req = transport.request(url, { method: r.method, headers, signal: r.signal, ...(lookup ? { lookup } : {}) }, (res) => {
            response = res;
            res.on('error', () => undefined); // reported by whoever reads the body
            resolve(res);
        });
        // The socket's idle timeout: the wait for the head and every gap in the body.
        req.setTimeout(r.idleTimeoutMs, () => {
            const err = new RequestTimeoutError(url, r.idleTimeoutMs);
            response?.destroy(err);
            req.destroy(err);
        });
        req.on('error', reject);
        if (typeof body === 'function') {
            void (async () => {
                try {
                    for await (const chunk of body()) {
                        if (!req.write(chunk))
                            await new Promise((drained) => req.once('drain', drained));
                    }
                    req.end();
                }
                catch (err) {
                    req.destroy(err instanceof Error ? err : new Error(String(err)));
                }
            })();
        }
        else {
            req.end(body);
        }
    });
}
/** Sends the request, following redirects by the policy above; the body is left to the caller. */
async function send(r) {
    let url = new URL(r.url);
    checkHost(url, r.guard);
    if (!(0,_url_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .transportAllowed */ .Ec)(url))
        throw new RedirectError(`${(0,_url_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .displayUrl */ .Qy)(url)} is not an https:// URL; it was not requested.`, 0);
    let withCredentials = r.credentials !== undefined && (0,_url_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .mayCarryCredentials */ .x6)(url, r.credentials.origin);
    for (let hops = 0;; hops++) {
        const res = await once(r, url, withCredentials);
        const status = res.statusCode ?? 0;
        if (!REDIRECTS.has(status) || (r.maxRedirects ?? 0) === 0) {
            return { status, headers: headersOf(res), url, credentialsSent: withCredentials, body: res };
        }
        res.resume();
        const location = res.headers.location;
        if (!location)
            throw new RedirectError(`${(0,_url_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .displayUrl */ .Qy)(url)} answered HTTP ${status} without a Location to go to.`, status);
        let next;
        try {
            next = new URL(location, url);
        }
        catch {
            throw new RedirectError(`${(0,_url_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .displayUrl */ .Qy)(url)} redirected to an invalid URL (HTTP ${status}).`, status);
        }
        checkHost(next, r.guard);
        if (!(0,_url_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .transportAllowed */ .Ec)(next)) {
            throw new RedirectError(`${(0,_url_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .displayUrl */ .Qy)(url)} redirected to ${(0,_url_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .displayUrl */ .Qy)(next)}, which is not https://; it was refused rather than fetched insecurely.`, status);
        }
        if (hops + 1 > (r.maxRedirects ?? 0))
            throw new RedirectError(`${(0,_url_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .displayUrl */ .Qy)(r.url)} was redirected more than ${r.maxRedirects} times.`, status);
        url = next;
        withCredentials = withCredentials && r.credentials !== undefined && (0,_url_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .mayCarryCredentials */ .x6)(url, r.credentials.origin);
    }
}
/** Reads a whole body as bytes, failing past `maxBytes` (the rest is not read). */
async function readBody(res, maxBytes) {
    const chunks = [];
    let size = 0;
    try {
        for await (const chunk of res) {
            size += chunk.length;
            if (size > maxBytes)
                throw new BodyTooLargeError(maxBytes);
            chunks.push(chunk);
        }
    }
    finally {
        if (!res.complete)
            res.destroy();
    }
    return Buffer.concat(chunks);
}
/** The start of a body, at most `maxBytes`, for an error message; never fails. */
async function readSome(res, maxBytes) {
    const chunks = [];
    let size = 0;
    try {
        for await (const chunk of res) {
            chunks.push(chunk);
            size += chunk.length;
            if (size >= maxBytes)
                break;
        }
    }
    catch {
        // The message is a courtesy; the status says enough.
    }
    finally {
        res.destroy();
    }
    return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}
/** A whole small exchange (an API call): bounded in time (`timeoutMs`, head and body) and size. */
async function exchange(r) {
    const url = new URL(r.url);
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new RequestTimeoutError(url, r.timeoutMs)), r.timeoutMs);
    const signal = r.signal ? AbortSignal.any([r.signal, deadline.signal]) : deadline.signal;
    try {
        const res = await send({ ...r, signal, idleTimeoutMs: Math.min(r.idleTimeoutMs, r.timeoutMs) });
        const bytes = decode(await readBody(res.body, r.maxBytes), res.headers.get('content-encoding'), r.maxBytes);
        return { status: res.status, headers: res.headers, text: bytes.toString('utf8') };
    }
    catch (err) {
        if (deadline.signal.aborted && !r.signal?.aborted)
            throw deadline.signal.reason;
        throw err;
    }
    finally {
        clearTimeout(timer);
    }
}
/** A compressed answer (sent even unasked by some gateways), inflated within the same cap. */
function decode(bytes, encoding, maxBytes) {
    const e = encoding?.trim().toLowerCase();
    if (!e || e === 'identity')
        return bytes;
    const options = { maxOutputLength: maxBytes };
    try {
        if (e === 'gzip' || e === 'x-gzip')
            return node_zlib__WEBPACK_IMPORTED_MODULE_3___default().gunzipSync(bytes, options);
        if (e === 'deflate')
            return node_zlib__WEBPACK_IMPORTED_MODULE_3___default().inflateSync(bytes, options);
        if (e === 'br')
            return node_zlib__WEBPACK_IMPORTED_MODULE_3___default().brotliDecompressSync(bytes, options);
    }
    catch (err) {
        if (err.code === 'ERR_BUFFER_TOO_LARGE')
            throw new BodyTooLargeError(maxBytes);
        return bytes;
    }
    return bytes;
}


/***/ })

};
