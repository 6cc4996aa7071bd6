export const id = 53;
export const ids = [53,809,431];
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

/***/ 6434:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkLocalMedia: () => (/* binding */ checkLocalMedia),
  placeLocalMedia: () => (/* binding */ placeLocalMedia)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/api-errors.ts
var api_errors = __webpack_require__(5451);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/paths.ts
var paths = __webpack_require__(8431);
;// CONCATENATED MODULE: ./src/media-check.ts
/**
 * Local media files checked against the model's rules before anything is uploaded: type by
 * content (magic bytes, never the extension), size, image dimensions, video and audio
 * duration, video frame rate. Each failure is one InputError naming the input, the file and
 * the rule. The parsers are loaded only when a local file is actually used.
 */





const MB = 1024 * 1024;
/** The model's rules for media files (DESIGN.md, "Model rules upstream"). */
const LIMITS = {
    image: {
        /** Exclusive: an image must be smaller than this. */
        maxBytes: 30 * MB,
        minSide: 300,
        maxSide: 6000,
        minAspect: 0.4,
        maxAspect: 2.5
    },
    video: {
        maxBytes: 50 * MB,
        minSeconds: 2,
        maxSeconds: 15,
        /** All reference videos together. */
        totalSeconds: 15,
        minFps: 24,
        maxFps: 60
    },
    audio: {
        maxBytes: 15 * MB,
        minSeconds: 2,
        maxSeconds: 15,
        /** All reference audios together. */
        totalSeconds: 15
    },
    /** 23.976 fps (film on NTSC) counts as 24. */
    fpsTolerance: 0.05
};
/** What each role accepts, by content. */
const MEDIA_FORMATS = {
    image: [
        { mime: 'image/png', name: 'PNG', extensions: ['png'] },
        { mime: 'image/jpeg', name: 'JPEG', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'] },
        { mime: 'image/webp', name: 'WebP', extensions: ['webp'] },
        { mime: 'image/bmp', name: 'BMP', extensions: ['bmp'] },
        { mime: 'image/tiff', name: 'TIFF', extensions: ['tiff', 'tif'] },
        { mime: 'image/gif', name: 'GIF', extensions: ['gif'] }
    ],
    video: [
        { mime: 'video/mp4', name: 'MP4', extensions: ['mp4', 'm4v'] },
        { mime: 'video/quicktime', name: 'MOV', extensions: ['mov', 'qt'] }
    ],
    audio: [
        { mime: 'audio/wav', name: 'WAV', extensions: ['wav', 'wave'] },
        { mime: 'audio/mpeg', name: 'MP3', extensions: ['mp3'] }
    ]
};
/** Other names of the same formats, as detectors report them. */
const MIME_ALIASES = {
    'image/apng': 'image/png', // an animated PNG is a PNG
    'image/x-ms-bmp': 'image/bmp',
    'video/x-m4v': 'video/mp4', // iTunes/HandBrake brand of the same container
    'audio/x-wav': 'audio/wav',
    'audio/wave': 'audio/wav',
    'audio/vnd.wave': 'audio/wav',
    'audio/mp3': 'audio/mpeg'
};
const EXPECTED = {
    image: 'an image (PNG/JPEG/WebP/BMP/TIFF/GIF)',
    video: 'a video (MP4/MOV)',
    audio: 'an audio file (WAV/MP3)'
};
/** The file extensions that go with `mime` (empty when unknown). */
function extensionsFor(mime) {
    const m = MIME_ALIASES[mime] ?? mime;
    for (const formats of Object.values(MEDIA_FORMATS)) {
        const found = formats.find((f) => f.mime === m);
        if (found)
            return found.extensions;
    }
    return [];
}
/** `12.3 MB`, `30 MB`, `800 KB`. */
function formatMegabytes(bytes) {
    if (bytes < MB)
        return `${Math.ceil(bytes / 1024)} KB`;
    return `${Number((bytes / MB).toFixed(1))} MB`;
}
/** `size` and `cap` in words that show the difference even when both round alike. */
function formatSizes(size, cap) {
    const a = formatMegabytes(size);
    const b = formatMegabytes(cap);
    return a === b ? [`${size} bytes`, `${b} (${cap} bytes)`] : [a, b];
}
function seconds(s) {
    return `${Number(s.toFixed(2))} s`;
}
const PLURAL = { image: 'images', video: 'videos', audio: 'audio files' };
/**
 * Checks one local file for `role` and returns what was learnt about it. `file` is an
 * absolute path (see resolveLocalFile); `label` is the input's name and `display` the path as
 * the user wrote it.
 */
async function inspectMedia(file, role, label, display = (0,paths.displayPath)(file)) {
    const where = `Input \`${label}\` file ${display}`;
    const fail = (rule) => {
        throw new errors/* InputError */.dz(`${where} ${rule}`);
    };
    let bytes;
    try {
        bytes = (await (0,promises_.stat)(file)).size;
    }
    catch (err) {
        return fail(`cannot be read (${err.code ?? (0,errors/* errorMessage */.gJ)(err)}).`);
    }
    if (bytes === 0)
        fail(`is empty, not ${EXPECTED[role]}.`);
    const cap = LIMITS[role].maxBytes;
    if (role === 'image' ? bytes >= cap : bytes > cap) {
        const [size, limit] = bytes === cap ? [formatMegabytes(bytes), formatMegabytes(cap)] : formatSizes(bytes, cap);
        fail(`is ${size}: ${PLURAL[role]} must be ${role === 'image' ? 'smaller than' : 'at most'} ${limit}.`);
    }
    let head;
    try {
        head = await readHead(file, 512 * 1024);
    }
    catch (err) {
        return fail(`cannot be read (${err.code ?? (0,errors/* errorMessage */.gJ)(err)}).`);
    }
    // From the bytes already read: file-type's own fileTypeFromFile imports strtok3 by a
    // runtime specifier, which a bundled dist/ cannot resolve.
    const { fileTypeFromBuffer } = await __webpack_require__.e(/* import() */ 20).then(__webpack_require__.bind(__webpack_require__, 7020));
    const detected = await fileTypeFromBuffer(head);
    const mime = detected ? (MIME_ALIASES[detected.mime] ?? detected.mime) : undefined;
    const format = MEDIA_FORMATS[role].find((f) => f.mime === mime);
    if (!format) {
        const what = detected ? describeType(detected.ext, detected.mime) : describeUnknown(head);
        fail(`is ${what}, not ${EXPECTED[role]}.`);
    }
    const base = { path: file, role, mime: format.mime, bytes, label, displayPath: display };
    const unreadable = (err) => fail(`looks like ${describeFormat(format, role)} but cannot be read (${(0,errors/* errorMessage */.gJ)(err)}).`);
    if (role === 'image') {
        const { width, height } = await imageDimensions(file, head, bytes).catch(unreadable);
        const { minSide, maxSide, minAspect, maxAspect } = LIMITS.image;
        if (Math.min(width, height) < minSide || Math.max(width, height) > maxSide) {
            fail(`is ${width}x${height} px: images must be ${minSide}-${maxSide} px a side.`);
        }
        const aspect = width / height;
        if (aspect < minAspect || aspect > maxAspect) {
            fail(`is ${width}x${height} px (width/height ${Number(aspect.toFixed(2))}): images must have an aspect ratio of ${minAspect}-${maxAspect}.`);
        }
        return { ...base, width, height, sha256: await hashFile(file) };
    }
    if (role === 'video') {
        const video = await inspectVideo(file).catch(unreadable);
        if (!video.hasVideo)
            fail(`has no video track, so it is not ${EXPECTED.video}.`);
        if (video.durationSec === undefined)
            fail(`is a video whose duration cannot be read; re-encode it as a plain MP4.`);
        const durationSec = video.durationSec;
        checkDuration(durationSec, 'video', fail);
        const { minFps, maxFps } = LIMITS.video;
        const tol = LIMITS.fpsTolerance;
        if (video.fps !== undefined && (video.fps < minFps - tol || video.fps > maxFps + tol)) {
            fail(`plays at ${Number(video.fps.toFixed(2))} fps: videos must be ${minFps}-${maxFps} fps.`);
        }
        return { ...base, width: video.width, height: video.height, durationSec, fps: video.fps, sha256: video.sha256 };
    }
    const durationSec = await audioDuration(file).catch(unreadable);
    if (durationSec === undefined)
        fail(`is audio whose duration cannot be read; re-encode it as a plain WAV or MP3.`);
    checkDuration(durationSec, 'audio', fail);
    return { ...base, durationSec, sha256: await hashFile(file) };
}
function checkDuration(durationSec, role, fail) {
    const { minSeconds, maxSeconds } = LIMITS[role];
    const ms = Math.round(durationSec * 1000); // containers store ticks: 15 s may read as 15.0000001
    if (ms < minSeconds * 1000 || ms > maxSeconds * 1000) {
        fail(`is ${seconds(durationSec)} long: ${PLURAL[role]} must be ${minSeconds}-${maxSeconds} s.`);
    }
}
/** Reference videos and reference audios each add up to at most 15 s. */
function checkTotals(infos) {
    for (const role of ['video', 'audio']) {
        const items = infos.filter((i) => i.role === role && i.durationSec !== undefined);
        const total = items.reduce((sum, i) => sum + i.durationSec, 0);
        const max = LIMITS[role].totalSeconds;
        if (Math.round(total * 1000) > max * 1000) {
            const labels = [...new Set(items.map((i) => `\`${i.label}\``))];
            const list = items.map((i) => `${i.displayPath} ${seconds(i.durationSec)}`).join(', ');
            throw new errors/* InputError */.dz(`${labels.length > 1 ? 'Inputs' : 'Input'} ${labels.join(', ')}: the reference ${PLURAL[role]} add up to ${seconds(total)} (${list}); at most ${max} s in all.`);
        }
    }
}
// ---- type descriptions ----------------------------------------------------------------------
function article(word) {
    return /^[AEFHILMNORSX8]/.test(word) ? 'an' : 'a';
}
function describeFormat(format, role) {
    const kind = role === 'audio' ? 'audio file' : role;
    return `${article(format.name)} ${format.name} ${kind}`;
}
/** `a PNG image`, `an MP4 video`, `a PDF file`. */
function describeType(ext, mime) {
    const name = ext === 'jpg' ? 'JPEG' : ext.toUpperCase();
    const kind = mime.startsWith('image/') ? 'image' : mime.startsWith('video/') ? 'video' : mime.startsWith('audio/') ? 'audio file' : 'file';
    return `${article(name)} ${name} ${kind}`;
}
/** A file no detector knows: text (an SVG being the usual suspect) or unknown bytes. */
function describeUnknown(head) {
    const sample = head.subarray(0, 4096);
    let text;
    if (!sample.includes(0)) {
        try {
            text = new TextDecoder('utf-8', { fatal: true }).decode(sample.length === head.length ? sample : trimPartialUtf8(sample));
        }
        catch {
            text = undefined;
        }
    }
    if (text === undefined)
        return 'of a type this action does not recognise';
    if (/<svg[\s>]/i.test(text))
        return 'an SVG file (text)';
    return 'a text file';
}
/** Drops a UTF-8 sequence cut off at the end of a sample. */
function trimPartialUtf8(b) {
    for (let i = b.length - 1; i >= Math.max(0, b.length - 4); i--) {
        const byte = b[i];
        if ((byte & 0xc0) === 0x80)
            continue; // continuation byte
        const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
        return b.length - i < need ? b.subarray(0, i) : b;
    }
    return b;
}
// ---- readers --------------------------------------------------------------------------------
async function readHead(file, max) {
    const handle = await (0,promises_.open)(file, 'r');
    try {
        const buffer = Buffer.alloc(max);
        let length = 0;
        while (length < max) {
            const { bytesRead } = await handle.read(buffer, length, max - length, length);
            if (bytesRead === 0)
                break;
            length += bytesRead;
        }
        return buffer.subarray(0, length);
    }
    finally {
        await handle.close();
    }
}
/** Streams the file once, handing each chunk to `onChunk`; returns the hex sha256. */
async function hashFile(file, onChunk) {
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let offset = 0;
    for await (const chunk of (0,external_node_fs_.createReadStream)(file, { highWaterMark: 1024 * 1024 })) {
        const b = chunk;
        hash.update(b);
        onChunk?.(b, offset);
        offset += b.length;
    }
    return hash.digest('hex');
}
async function imageDimensions(file, head, bytes) {
    const { imageSize } = await __webpack_require__.e(/* import() */ 13).then(__webpack_require__.bind(__webpack_require__, 2013));
    let size;
    try {
        size = imageSize(head);
    }
    catch (err) {
        // The size sits beyond the first 512 KB (a JPEG with large metadata, a TIFF whose
        // directory is at the end): read the whole file, which is under 30 MB.
        if (bytes <= head.length)
            throw err;
        size = imageSize(await readHead(file, bytes));
    }
    const { width, height } = size;
    if (!width || !height)
        throw new Error('no dimensions in its header');
    return { width, height };
}
/**
 * One pass over the file: every byte goes to the hash, and the bytes mp4box asks for (the
 * boxes up to `moov`; `mdat` is skipped) go to mp4box. If mp4box cannot tell the duration,
 * music-metadata reads it (it also sums fragmented MP4s).
 */
async function inspectVideo(file) {
    // The full build: the lighter 'mp4box/simple' entry does not register the sample tables
    // (stts, stsz), so it cannot count frames.
    const { createFile, MP4BoxBuffer } = await __webpack_require__.e(/* import() */ 111).then(__webpack_require__.bind(__webpack_require__, 1111));
    const iso = createFile();
    let info;
    let parseError;
    let wanted = 0;
    iso.onReady = (i) => {
        info = i;
    };
    iso.onError = (module, message) => {
        parseError = `${module}: ${message}`;
    };
    const sha256 = await hashFile(file, (chunk, offset) => {
        const end = offset + chunk.length;
        if (info !== undefined || parseError !== undefined || end <= wanted)
            return;
        const from = Math.max(wanted, offset);
        const part = chunk.subarray(from - offset);
        try {
            // fromArrayBuffer copies (mp4box keeps what it is given) and records the file offset.
            wanted = iso.appendBuffer(MP4BoxBuffer.fromArrayBuffer(part.buffer.slice(part.byteOffset, part.byteOffset + part.length), from));
        }
        catch (err) {
            parseError = (0,errors/* errorMessage */.gJ)(err);
        }
    });
    const facts = { hasVideo: false, sha256 };
    if (info !== undefined) {
        const track = info.videoTracks[0];
        facts.hasVideo = track !== undefined;
        if (info.timescale > 0 && info.duration > 0)
            facts.durationSec = info.duration / info.timescale;
        else if (info.fragment_duration && info.fragment_duration.den > 0)
            facts.durationSec = info.fragment_duration.num / info.fragment_duration.den;
        if (track) {
            if (track.video)
                facts.width = track.video.width;
            if (track.video)
                facts.height = track.video.height;
            const ticks = track.samples_duration > 0 ? track.samples_duration : track.duration;
            if (track.nb_samples > 0 && ticks > 0 && track.timescale > 0)
                facts.fps = track.nb_samples / (ticks / track.timescale);
            if (facts.durationSec === undefined && track.duration > 0 && track.timescale > 0)
                facts.durationSec = track.duration / track.timescale;
        }
    }
    if (info === undefined || facts.durationSec === undefined) {
        const { parseFile, TrackType } = await Promise.all(/* import() */[__webpack_require__.e(20), __webpack_require__.e(258)]).then(__webpack_require__.bind(__webpack_require__, 9258));
        let format;
        try {
            format = (await parseFile(file, { duration: true, skipCovers: true })).format;
        }
        catch (err) {
            throw new Error(parseError ?? (0,errors/* errorMessage */.gJ)(err));
        }
        const video = format.trackInfo.find((t) => t.type === TrackType.video);
        if (info === undefined)
            facts.hasVideo = video !== undefined;
        facts.durationSec ??= format.duration ?? video?.duration;
        facts.width ??= video?.video?.pixelWidth;
        facts.height ??= video?.video?.pixelHeight;
    }
    return facts;
}
async function audioDuration(file) {
    const { parseFile } = await Promise.all(/* import() */[__webpack_require__.e(20), __webpack_require__.e(258)]).then(__webpack_require__.bind(__webpack_require__, 9258));
    const { format } = await parseFile(file, { duration: true, skipCovers: true });
    return format.duration ?? format.trackInfo.find((t) => t.duration !== undefined)?.duration;
}

// EXTERNAL MODULE: ./src/parse.ts
var parse = __webpack_require__(2828);
// EXTERNAL MODULE: ./src/retry.ts
var retry = __webpack_require__(9809);
;// CONCATENATED MODULE: ./src/asset-library.ts
/**
 * The PowerTokens Asset Library: local media become `asset://<id>` URLs. Everything known
 * (partly unconfirmed, see DESIGN.md) about this API lives here:
 *
 * - base `https://powertokens.ai/api` (input `asset-base-url`); `Authorization: <key>`, the
 *   bare key, no `Bearer`; the key is sent to that origin only and redirects are not followed;
 * - `POST /v1/asset/upload`, multipart field `file` (+ optional `group_id`)
 *   -> `{code: 200, data: {task_id}}`;
 * - `GET /v1/asset/jobs/get-asset-id?task_id=...` until `{code: 200, data: {asset_id}}`
 *   (`202`/"processing" while it works);
 * - answers are `{code, message, data}` envelopes, often with HTTP 200 whatever `code` says.
 *
 * An upload is re-sent only when nothing can have been stored (429, or the connection was
 * refused); polls retry transient failures with backoff.
 */









const BACKOFF = { baseMs: 1000, capMs: 30_000 };
/** An upload may take `timeoutMs` plus one second per this many bytes. */
const UPLOAD_BYTES_PER_SECOND = 256 * 1024;
const PENDING_CODES = new Set([0, 100, 102, 201, 202, 204]);
const FAILED_STATUS = /^(fail|failed|failure|error|rejected|cancel+ed)$/i;
class AssetLibrary {
    base;
    options;
    constructor(options) {
        // Both were checked with the other inputs (inputs.ts); this only normalises the URL.
        this.base = (0,parse/* parseBaseUrl */.Q2)('asset-base-url', options.baseUrl);
        this.options = options;
    }
    /** The only origin the key is sent to. */
    get origin() {
        return new URL(this.base).origin;
    }
    /** Uploads each distinct file once (by sha256), a few at a time; returns sha256 -> `asset://<id>`. */
    async uploadAll(files) {
        const unique = new Map();
        for (const file of files) {
            const first = unique.get(file.sha256);
            if (first === undefined)
                unique.set(file.sha256, file);
            else if (first.displayPath !== file.displayPath || first.label !== file.label) {
                this.options.log(`${file.displayPath} (\`${file.label}\`) has the same content as ${first.displayPath}: uploading it once.`);
            }
        }
        const stop = new AbortController();
        const signal = this.options.signal ? AbortSignal.any([this.options.signal, stop.signal]) : stop.signal;
        const queue = [...unique.values()];
        const found = new Map();
        let failure;
        const worker = async () => {
            for (let file = queue.shift(); file !== undefined && failure === undefined; file = queue.shift()) {
                try {
                    found.set(file.sha256, await this.upload(file, signal));
                }
                catch (error) {
                    if (failure === undefined) {
                        failure = { error };
                        stop.abort(error); // the other uploads stop: the run fails anyway
                    }
                }
            }
        };
        const workers = Math.max(1, Math.min(this.options.concurrency ?? 3, unique.size));
        await Promise.all(Array.from({ length: workers }, worker));
        if (failure !== undefined)
            throw failure.error;
        return new Map([...unique.keys()].map((sha) => [sha, found.get(sha)]));
    }
    async upload(file, signal) {
        const { log } = this.options;
        const size = await (0,promises_.stat)(file.path).then((s) => s.size, (err) => fail(new errors/* ApiError */.hD(`${failedTo(file)}: the file cannot be read (${(0,errors/* errorMessage */.gJ)(err)}).`, 'protocol')));
        log(`Uploading ${file.displayPath} (\`${file.label}\`, ${formatMegabytes(size)}) to the Asset Library...`);
        const started = await this.withRetries(file, signal, 'upload', () => this.send(file, size, signal));
        let assetId = started.assetId;
        if (assetId === undefined) {
            log(`Uploaded ${file.displayPath}; waiting for its asset id (upload task ${started.taskId}).`);
            assetId = await this.waitForAsset(file, started.taskId, signal);
        }
        log(`${file.displayPath} is asset://${assetId}`);
        return `asset://${assetId}`;
    }
    /** `POST /v1/asset/upload`, the file streamed into a multipart body. */
    async send(file, size, signal) {
        const boundary = `----seedance-action-${(0,external_node_crypto_.randomBytes)(12).toString('hex')}`;
        let head = '';
        if (this.options.groupId) {
            head += `--${boundary}\r\nContent-Disposition: form-data; name="group_id"\r\n\r\n${this.options.groupId}\r\n`;
        }
        head += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoteFilename(uploadName(file))}"\r\nContent-Type: ${file.mime}\r\n\r\n`;
        const headBytes = Buffer.from(head, 'utf8');
        const tailBytes = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
        async function* body() {
            yield headBytes;
            // Streamed, never held whole: a reference video may be 50 MB.
            for await (const chunk of (0,external_node_fs_.createReadStream)(file.path, { highWaterMark: 256 * 1024 }))
                yield chunk;
            yield tailBytes;
        }
        const timeoutMs = this.options.timeoutMs + Math.ceil(size / UPLOAD_BYTES_PER_SECOND) * 1000;
        const answer = await this.request(file, 'POST', '/v1/asset/upload', signal, timeoutMs, false, {
            body: ReadableStream.from(body()),
            headers: {
                'content-type': `multipart/form-data; boundary=${boundary}`,
                'content-length': String(headBytes.length + size + tailBytes.length)
            }
        });
        const envelope = this.read(file, answer, false);
        const taskId = stringField(envelope.data, 'task_id') ?? stringField(envelope.data, 'taskId');
        const assetId = stringField(envelope.data, 'asset_id') ?? stringField(envelope.data, 'assetId');
        if (taskId === undefined && assetId === undefined) {
            throw new errors/* ApiError */.hD(`${failedTo(file)}: the answer has no task id (${answer.text.trim().slice(0, 200)}).`, 'protocol', answer.status);
        }
        return { taskId, assetId };
    }
    /** Polls `get-asset-id` until the library names the asset. */
    async waitForAsset(file, taskId, signal) {
        const { pollIntervalMs = 2000, jobTimeoutMs = 600_000 } = this.options;
        const deadline = Date.now() + jobTimeoutMs;
        const path = `/v1/asset/jobs/get-asset-id?task_id=${encodeURIComponent(taskId)}`;
        for (;;) {
            const answer = await this.withRetries(file, signal, 'poll', async () => {
                const a = await this.request(file, 'GET', path, signal, this.options.timeoutMs, true);
                return { answer: a, envelope: this.read(file, a, true) };
            });
            const { envelope } = answer;
            const assetId = stringField(envelope.data, 'asset_id') ?? stringField(envelope.data, 'assetId');
            const status = stringField(envelope.data, 'status');
            if (assetId !== undefined && (envelope.code === undefined || envelope.code === 200))
                return assetId;
            if (status !== undefined && FAILED_STATUS.test(status)) {
                const reason = stringField(envelope.data, 'message') ?? stringField(envelope.data, 'error') ?? envelope.message ?? status;
                throw new errors/* ApiError */.hD(`${failedTo(file)}: ${reason}${codeNote(envelope, answer.answer.status)}.`, 'rejected', answer.answer.status);
            }
            if (Date.now() + pollIntervalMs > deadline) {
                throw new errors/* ApiError */.hD(`${failedTo(file)}: no asset id after ${formatDuration(jobTimeoutMs)} (upload task ${taskId}, last answer: ${envelope.message ?? status ?? 'processing'}).`, 'transient');
            }
            await this.sleep(signal)(pollIntervalMs);
        }
    }
    /** An envelope from a 2xx answer, or the ApiError the answer means. */
    read(file, answer, polling) {
        const { status, text, headers } = answer;
        const envelope = parseEnvelope(text);
        const code = envelope?.code;
        const server = (0,api_errors/* readServerMessage */.VQ)(text, headers.get('content-type') ?? '');
        const reason = envelope?.message ?? server.message;
        const note = envelope ? codeNote(envelope, status) : ` (HTTP ${status})`;
        if (status === 429 || code === 429) {
            return fail(new errors/* ApiError */.hD(`The Asset Library is rate-limiting requests (${reason ?? 'HTTP 429'}).`, 'rate-limited', status, (0,retry/* parseRetryAfter */.mu)(headers.get('retry-after'))));
        }
        if (status === 401 || code === 401) {
            return fail(new errors/* ApiError */.hD(`${failedTo(file)}: the Asset Library rejected the API key${reason ? ` (${reason})` : ''}; check the secret passed as \`api-key\`.`, 'auth', status));
        }
        if (status >= 300 && status < 400) {
            const location = headers.get('location') ?? 'another address';
            return fail(new errors/* ApiError */.hD(`${failedTo(file)}: the Asset Library answered HTTP ${status}, a redirect to ${location}; the key is only sent to ${this.origin}, so check \`asset-base-url\`.`, 'protocol', status));
        }
        if (status >= 500 || status === 408) {
            const what = server.html ? `HTTP ${status}, an HTML page from a gateway` : `${reason ?? 'server error'}${note}`;
            // A poll is retried; an upload may have been stored, so it is not sent again.
            return fail(new errors/* ApiError */.hD(`${failedTo(file)}: ${what}.`, polling ? 'transient' : 'unknown-outcome', status, (0,retry/* parseRetryAfter */.mu)(headers.get('retry-after'))));
        }
        if (status === 413 || code === 413) {
            return fail(new errors/* ApiError */.hD(`${failedTo(file)}: the file is too large for it${reason ? ` (${reason})` : ''}${note}.`, 'rejected', status));
        }
        if (status < 200 || status > 299 || (code !== undefined && code >= 400)) {
            return fail(new errors/* ApiError */.hD(`${failedTo(file)}: ${reason ?? 'refused'}${note}.`, 'rejected', status));
        }
        if (envelope === undefined) {
            return fail(new errors/* ApiError */.hD(`${failedTo(file)}: the answer is not JSON (HTTP ${status}: "${text.trim().slice(0, 80)}").`, polling ? 'transient' : 'protocol', status));
        }
        if (code !== undefined && code !== 200 && !PENDING_CODES.has(code) && !polling) {
            return fail(new errors/* ApiError */.hD(`${failedTo(file)}: ${reason ?? 'unexpected answer'}${note}.`, 'protocol', status));
        }
        return envelope;
    }
    async request(file, method, path, signal, timeoutMs, polling, extra = {}) {
        const url = `${this.base}${path}`;
        const timeout = AbortSignal.timeout(timeoutMs);
        try {
            const response = await fetch(url, {
                method,
                headers: { authorization: this.options.apiKey, 'user-agent': this.options.userAgent, accept: 'application/json', ...extra.headers },
                body: extra.body,
                redirect: 'manual',
                signal: AbortSignal.any([signal, timeout]),
                ...(extra.body ? { duplex: 'half' } : {})
            });
            return { status: response.status, text: await response.text(), headers: response.headers };
        }
        catch (err) {
            if (signal.aborted)
                throw signal.reason;
            const e = (0,api_errors/* classifyNetworkError */.LW)('poll', err, url, timeoutMs);
            if (e.kind === 'not-sent')
                throw e;
            const kind = polling ? 'transient' : 'unknown-outcome';
            throw new errors/* ApiError */.hD(`${failedTo(file)}: ${lowerFirst(e.message.replace(/\.$/, ''))}.`, kind, undefined, undefined, e.code);
        }
    }
    async withRetries(file, signal, phase, attempt) {
        const { maxRetries, log, random } = this.options;
        for (let n = 0;; n++) {
            try {
                return await attempt();
            }
            catch (err) {
                const retryable = err instanceof errors/* ApiError */.hD && (err.kind === 'rate-limited' || err.kind === 'not-sent' || (phase === 'poll' && err.kind === 'transient'));
                if (!retryable || signal.aborted)
                    throw err;
                const message = err.message.startsWith(failedTo(file)) ? err.message : `${failedTo(file)}: ${lowerFirst(err.message)}`;
                if (n >= maxRetries) {
                    throw new errors/* ApiError */.hD(`${message.replace(/\.$/, '')}; gave up after ${maxRetries} ${maxRetries === 1 ? 'retry' : 'retries'} (\`max-retries\`).`, err.kind, err.status, undefined, err.code);
                }
                const delay = (0,retry/* retryDelayMs */.qO)(n, err.retryAfterMs, { ...BACKOFF, random });
                log(`${phase === 'upload' ? 'Uploading' : 'Waiting for'} ${file.displayPath}: ${lowerFirst((0,errors/* errorMessage */.gJ)(err).replace(/^.*?failed: /, ''))} Retrying in ${(delay / 1000).toFixed(1)} s (${n + 1}/${maxRetries}).`);
                await this.sleep(signal)(delay);
            }
        }
    }
    sleep(signal) {
        return this.options.sleep ?? (0,retry.abortableSleep)(signal);
    }
}
function fail(error) {
    throw error;
}
function failedTo(file) {
    return `Uploading ${file.displayPath} to the Asset Library failed`;
}
function lowerFirst(s) {
    return /^[A-Z][a-z]/.test(s) ? `${s[0]?.toLowerCase()}${s.slice(1)}` : s;
}
/** ` (code 400)`, or ` (HTTP 500)` when the envelope has no code. */
function codeNote(envelope, status) {
    return envelope.code !== undefined ? ` (code ${envelope.code})` : ` (HTTP ${status})`;
}
function formatDuration(ms) {
    return ms >= 60_000 ? `${Number((ms / 60_000).toFixed(1))} min` : `${Number((ms / 1000).toFixed(1))} s`;
}
/** `{code, message, data}`; undefined when the text is not a JSON object. */
function parseEnvelope(text) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        return undefined;
    const v = value;
    const rawCode = typeof v.code === 'number' || (typeof v.code === 'string' && /^\d+$/.test(v.code)) ? Number(v.code) : undefined;
    const error = typeof v.error === 'object' && v.error !== null ? v.error : undefined;
    const message = [v.message, v.msg, error?.message, v.error].find((m) => typeof m === 'string' && m.trim() !== '');
    const data = typeof v.data === 'object' && v.data !== null && !Array.isArray(v.data) ? v.data : {};
    return { code: rawCode, message: message?.trim(), data };
}
function stringField(data, key) {
    const v = data[key];
    if (typeof v === 'string' && v.trim() !== '')
        return v.trim();
    if (typeof v === 'number' && Number.isFinite(v))
        return String(v);
    return undefined;
}
/**
 * The name the library sees: the file's own name, with an extension that matches its content
 * (a PNG saved as `logo.jpg` goes up as `logo.png`), since the library may go by the name.
 */
function uploadName(file) {
    const name = (0,external_node_path_.basename)(file.displayPath) || (0,external_node_path_.basename)(file.path);
    const extensions = extensionsFor(file.mime);
    const ext = (0,external_node_path_.extname)(name).slice(1).toLowerCase();
    if (extensions.length === 0 || extensions.includes(ext))
        return name;
    const stem = ext === '' ? name : name.slice(0, -(ext.length + 1));
    return `${stem || 'media'}.${extensions[0]}`;
}
/** A multipart filename as browsers send it: `"`, CR and LF percent-encoded. */
function quoteFilename(name) {
    return name.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

;// CONCATENATED MODULE: ./src/data-url.ts
/**
 * A local image as a `data:` URL (`local-images-as: data-url`), for frame and reference
 * images sent inline instead of through the Asset Library. Images only: whether the API takes
 * video or audio as base64 is not known.
 */




/** Largest file sent inline (its base64 form is a third larger). */
const DATA_URL_MAX_BYTES = 10 * 1024 * 1024;
/**
 * `data:<mime>;base64,...` of `file`. `label` is the input's name and `display` the path as
 * the user wrote it; both appear in errors.
 */
async function toDataUrl(file, mime, label, maxBytes = DATA_URL_MAX_BYTES, display = (0,paths.displayPath)(file)) {
    const where = `Input \`${label}\` file ${display}`;
    if (!/^image\/[\w.+-]+$/i.test(mime)) {
        throw new errors/* InputError */.dz(`${where} is ${mime}: only images can be sent as data: URLs (\`local-images-as: data-url\`); upload it to the Asset Library instead.`);
    }
    const handle = await (0,promises_.open)(file, 'r');
    try {
        const { size } = await handle.stat();
        if (size > maxBytes) {
            const [actual, cap] = formatSizes(size, maxBytes);
            throw new errors/* InputError */.dz(`${where} is ${actual}: images sent as data: URLs (\`local-images-as: data-url\`) must be at most ${cap}; upload it to the Asset Library instead.`);
        }
        const bytes = await handle.readFile();
        return `data:${mime.toLowerCase()};base64,${bytes.toString('base64')}`;
    }
    finally {
        await handle.close();
    }
}

// EXTERNAL MODULE: ./src/local-files.ts
var local_files = __webpack_require__(9794);
;// CONCATENATED MODULE: ./src/local-media.ts
/**
 * Workspace files named as media: checked locally (before anything is sent), then uploaded
 * to the Asset Library or, for images with `local-images-as: data-url`, inlined. Loaded
 * only by runs that name a local file, with the media libraries behind it.
 */




const ROLE = {
    first_frame: 'image',
    last_frame: 'image',
    reference_image: 'image',
    reference_video: 'video',
    reference_audio: 'audio'
};
/** Resolves and inspects every local file; the first broken rule throws an InputError. */
async function checkLocalMedia(locals, roots, log) {
    const checked = [];
    const seen = new Map();
    for (const local of locals) {
        const real = await (0,local_files/* resolveLocalFile */.gz)(local.path, roots, local.input);
        const role = ROLE[local.type];
        const key = `${role}:${real}`;
        let info = seen.get(key);
        if (!info) {
            info = await inspectMedia(real, role, local.input, local.path);
            seen.set(key, info);
            log(`Checked ${local.path}: ${describe(info)}.`);
        }
        checked.push({ ...local, info });
    }
    checkTotals(checked.map((c) => c.info));
    return checked;
}
/**
 * Puts each checked file's reference into `body.media` (in place) and returns, for the
 * `assets` output, the path as written -> its `asset://` reference. Each distinct file is
 * uploaded once. A dry run uploads nothing and shows what would be uploaded.
 */
async function placeLocalMedia(body, checked, o) {
    const inline = checked.filter((c) => o.imagesAs === 'data-url' && c.info.role === 'image');
    const upload = checked.filter((c) => !inline.includes(c));
    for (const c of inline)
        setUrl(body, c, await toDataUrl(c.info.path, c.info.mime, c.input, undefined, c.path));
    const assets = {};
    if (upload.length === 0)
        return assets;
    if (o.dryRun) {
        for (const c of unique(upload))
            o.log(`Dry run: would upload ${c.path} to the Asset Library (${o.library.baseUrl}).`);
        for (const c of upload)
            setUrl(body, c, `asset://<upload of ${c.path}>`);
        return assets;
    }
    const library = new AssetLibrary({ ...o.library, log: o.log });
    const refs = await library.uploadAll(unique(upload).map((c) => c.info));
    for (const c of upload) {
        const ref = refs.get(c.info.sha256);
        if (ref === undefined)
            throw new Error(`No asset reference for ${c.path}`);
        setUrl(body, c, ref);
        assets[c.path] = ref;
    }
    return assets;
}
function setUrl(body, c, url) {
    const item = body.media[c.index];
    if (item && item.type !== 'text')
        item.url = url;
}
function unique(items) {
    const seen = new Set();
    return items.filter((c) => !seen.has(c.info.sha256) && seen.add(c.info.sha256));
}
function describe(info) {
    const parts = [info.mime, formatMegabytes(info.bytes)];
    if (info.width && info.height)
        parts.push(`${info.width}x${info.height}`);
    if (info.durationSec !== undefined)
        parts.push(`${info.durationSec.toFixed(1)} s`);
    if (info.fps !== undefined)
        parts.push(`${info.fps.toFixed(0)} fps`);
    return parts.join(', ');
}


/***/ }),

/***/ 8431:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   displayPath: () => (/* binding */ displayPath),
/* harmony export */   lastFramePath: () => (/* binding */ lastFramePath),
/* harmony export */   videoPath: () => (/* binding */ videoPath),
/* harmony export */   workspace: () => (/* binding */ workspace)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/** Where downloaded files go: `output-path` is a file, or a directory that gets `<task-id>.mp4`. */


function workspace() {
    return process.env.GITHUB_WORKSPACE || process.cwd();
}
/** The video's absolute path. A directory is one that exists, or a path ending in `/`. */
function videoPath(outputPath, taskId, root = workspace()) {
    const abs = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(outputPath) ? outputPath : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(root, outputPath);
    const isDir = /[\\/]$/.test(outputPath) || isDirectory(abs);
    return isDir ? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(abs, `${safeName(taskId)}.mp4`) : abs;
}
/** The last frame beside the video: `clip.mp4` -> `clip.last-frame.png`. */
function lastFramePath(video, extension = '.png') {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(video), `${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(video, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.extname)(video))}.last-frame${extension}`);
}
/** Paths shown to the user: relative to the workspace when inside it. */
function displayPath(abs, root = workspace()) {
    const rootWithSep = root.endsWith('/') ? root : `${root}/`;
    return abs.startsWith(rootWithSep) ? abs.slice(rootWithSep.length) : abs;
}
function isDirectory(path) {
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path).isDirectory();
    }
    catch {
        return false;
    }
}
function safeName(id) {
    return id.replace(/[^\w.-]/g, '_');
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
