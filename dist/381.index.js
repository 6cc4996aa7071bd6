export const id = 381;
export const ids = [381,107,583];
export const modules = {

/***/ 5535:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ee: () => (/* binding */ describeUnknown),
/* harmony export */   MF: () => (/* binding */ describeType),
/* harmony export */   Vl: () => (/* binding */ describeFormat),
/* harmony export */   YR: () => (/* binding */ MEDIA_FORMATS),
/* harmony export */   dS: () => (/* binding */ EXPECTED),
/* harmony export */   g4: () => (/* binding */ MIME_ALIASES),
/* harmony export */   il: () => (/* binding */ extensionsFor)
/* harmony export */ });
/**
 * The media formats each role accepts, recognised by content (never by extension), and how
 * a format or an unknown file is named in messages. Pure.
 */
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


/***/ }),

/***/ 2815:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ inspectMedia)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _formats_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5535);
/* harmony import */ var _limits_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5583);
/* harmony import */ var _readers_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7107);
/**
 * One local file checked against the model's rules before anything is uploaded: type by
 * content, size, image dimensions, video and audio duration, video frame rate. Each failure
 * is one InputError naming the input, the file and the rule.
 */





/**
 * Checks one local file for `role` and returns what was learnt about it. `file` is an
 * absolute path (see resolveLocalFile); `label` is the input's name and `display` the path as
 * the user wrote it.
 */
async function inspectMedia(file, role, label, display) {
    if (typeof file !== 'string')
        return inspectOpen(file.handle, file.path, role, label, display);
    let handle;
    try {
        handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(file, 'r');
    }
    catch (err) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`Input \`${label}\` file ${display} cannot be read (${err.code ?? (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err)}).`);
    }
    try {
        return await inspectOpen(handle, file, role, label, display);
    }
    finally {
        await handle.close();
    }
}
/** The same, through an open handle (see files.ts: checked and read as one file). */
async function inspectOpen(file, path, role, label, display) {
    const where = `Input \`${label}\` file ${display}`;
    const fail = (rule) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`${where} ${rule}`);
    };
    const check = (rule) => {
        if (rule !== undefined)
            fail(rule);
    };
    let bytes;
    try {
        bytes = (await file.stat()).size;
    }
    catch (err) {
        return fail(`cannot be read (${err.code ?? (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err)}).`);
    }
    if (bytes === 0)
        fail(`is empty, not ${_formats_js__WEBPACK_IMPORTED_MODULE_2__/* .EXPECTED */ .dS[role]}.`);
    check((0,_limits_js__WEBPACK_IMPORTED_MODULE_3__/* .sizeRule */ .co)(role, bytes));
    let head;
    try {
        head = await (0,_readers_js__WEBPACK_IMPORTED_MODULE_4__.readHead)(file, 512 * 1024);
    }
    catch (err) {
        return fail(`cannot be read (${err.code ?? (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err)}).`);
    }
    // From the bytes already read: file-type's own fileTypeFromFile imports strtok3 by a
    // runtime specifier, which a bundled dist/ cannot resolve.
    const { fileTypeFromBuffer } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(20)]).then(__webpack_require__.bind(__webpack_require__, 7020));
    const detected = await fileTypeFromBuffer(head);
    const mime = detected ? (_formats_js__WEBPACK_IMPORTED_MODULE_2__/* .MIME_ALIASES */ .g4[detected.mime] ?? detected.mime) : undefined;
    const format = _formats_js__WEBPACK_IMPORTED_MODULE_2__/* .MEDIA_FORMATS */ .YR[role].find((f) => f.mime === mime);
    if (!format) {
        const what = detected ? (0,_formats_js__WEBPACK_IMPORTED_MODULE_2__/* .describeType */ .MF)(detected.ext, detected.mime) : (0,_formats_js__WEBPACK_IMPORTED_MODULE_2__/* .describeUnknown */ .Ee)(head);
        fail(`is ${what}, not ${_formats_js__WEBPACK_IMPORTED_MODULE_2__/* .EXPECTED */ .dS[role]}.`);
    }
    const base = { path, role, mime: format.mime, bytes, label, displayPath: display };
    const unreadable = (err) => fail(`looks like ${(0,_formats_js__WEBPACK_IMPORTED_MODULE_2__/* .describeFormat */ .Vl)(format, role)} but cannot be read (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err)}).`);
    if (role === 'image') {
        const { width, height } = await (0,_readers_js__WEBPACK_IMPORTED_MODULE_4__/* .imageDimensions */ .Fh)(file, head, bytes).catch(unreadable);
        check((0,_limits_js__WEBPACK_IMPORTED_MODULE_3__/* .imageRule */ .wn)(width, height));
        return { ...base, width, height, sha256: await (0,_readers_js__WEBPACK_IMPORTED_MODULE_4__/* .hashFile */ .DC)(file) };
    }
    if (role === 'video') {
        const video = await (0,_readers_js__WEBPACK_IMPORTED_MODULE_4__/* .inspectVideo */ .i5)(file, bytes, format.mime).catch(unreadable);
        if (!video.hasVideo)
            fail(`has no video track, so it is not ${_formats_js__WEBPACK_IMPORTED_MODULE_2__/* .EXPECTED */ .dS.video}.`);
        if (video.durationSec === undefined)
            fail(`is a video whose duration cannot be read; re-encode it as a plain MP4.`);
        const durationSec = video.durationSec;
        check((0,_limits_js__WEBPACK_IMPORTED_MODULE_3__/* .durationRule */ .bq)(durationSec, 'video'));
        check((0,_limits_js__WEBPACK_IMPORTED_MODULE_3__/* .fpsRule */ .SP)(video.fps));
        return { ...base, width: video.width, height: video.height, durationSec, fps: video.fps, sha256: video.sha256 };
    }
    const durationSec = await (0,_readers_js__WEBPACK_IMPORTED_MODULE_4__/* .audioDuration */ .xU)(file, bytes, format.mime).catch(unreadable);
    if (durationSec === undefined)
        fail(`is audio whose duration cannot be read; re-encode it as a plain WAV or MP3.`);
    check((0,_limits_js__WEBPACK_IMPORTED_MODULE_3__/* .durationRule */ .bq)(durationSec, 'audio'));
    return { ...base, durationSec, sha256: await (0,_readers_js__WEBPACK_IMPORTED_MODULE_4__/* .hashFile */ .DC)(file) };
}


/***/ }),

/***/ 5583:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SP: () => (/* binding */ fpsRule),
/* harmony export */   UH: () => (/* binding */ MEDIA_LIMITS),
/* harmony export */   bq: () => (/* binding */ durationRule),
/* harmony export */   checkTotals: () => (/* binding */ checkTotals),
/* harmony export */   co: () => (/* binding */ sizeRule),
/* harmony export */   wn: () => (/* binding */ imageRule)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6264);
/**
 * The model's rules for media files (see the README's "Workspace files" section): sizes,
 * image dimensions, durations and frame rates, checked against what was read from a file.
 * Each broken rule is one sentence; the caller prefixes the input and the file. Pure.
 */


const MEDIA_LIMITS = {
    image: {
        /** Exclusive: an image must be smaller than this. */
        maxBytes: 30 * _format_js__WEBPACK_IMPORTED_MODULE_1__.MB,
        minSide: 300,
        maxSide: 6000,
        minAspect: 0.4,
        maxAspect: 2.5
    },
    video: {
        maxBytes: 50 * _format_js__WEBPACK_IMPORTED_MODULE_1__.MB,
        minSeconds: 2,
        maxSeconds: 15,
        /** All reference videos together. */
        totalSeconds: 15,
        minFps: 24,
        maxFps: 60
    },
    audio: {
        maxBytes: 15 * _format_js__WEBPACK_IMPORTED_MODULE_1__.MB,
        minSeconds: 2,
        maxSeconds: 15,
        /** All reference audios together. */
        totalSeconds: 15
    },
    /** 23.976 fps (film on NTSC) counts as 24. */
    fpsTolerance: 0.05
};
function seconds(s) {
    return `${Number(s.toFixed(2))} s`;
}
const PLURAL = { image: 'images', video: 'videos', audio: 'audio files' };
/** The size rule for `role`, or undefined when `bytes` keeps it. */
function sizeRule(role, bytes) {
    const cap = MEDIA_LIMITS[role].maxBytes;
    if (role === 'image' ? bytes < cap : bytes <= cap)
        return undefined;
    const [size, limit] = bytes === cap ? [(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatBytes */ .z3)(bytes), (0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatBytes */ .z3)(cap)] : (0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatSizes */ .A9)(bytes, cap);
    return `is ${size}: ${PLURAL[role]} must be ${role === 'image' ? 'smaller than' : 'at most'} ${limit}.`;
}
/** The dimension and aspect rules for images. */
function imageRule(width, height) {
    const { minSide, maxSide, minAspect, maxAspect } = MEDIA_LIMITS.image;
    if (Math.min(width, height) < minSide || Math.max(width, height) > maxSide) {
        return `is ${width}x${height} px: images must be ${minSide}-${maxSide} px a side.`;
    }
    const aspect = width / height;
    if (aspect < minAspect || aspect > maxAspect) {
        return `is ${width}x${height} px (width/height ${Number(aspect.toFixed(2))}): images must have an aspect ratio of ${minAspect}-${maxAspect}.`;
    }
    return undefined;
}
/** The duration rule for one video or audio file. */
function durationRule(durationSec, role) {
    const { minSeconds, maxSeconds } = MEDIA_LIMITS[role];
    const ms = Math.round(durationSec * 1000); // containers store ticks: 15 s may read as 15.0000001
    if (ms < minSeconds * 1000 || ms > maxSeconds * 1000)
        return `is ${seconds(durationSec)} long: ${PLURAL[role]} must be ${minSeconds}-${maxSeconds} s.`;
    return undefined;
}
/** The frame-rate rule for videos (23.976 fps counts as 24). */
function fpsRule(fps) {
    const { minFps, maxFps } = MEDIA_LIMITS.video;
    const tol = MEDIA_LIMITS.fpsTolerance;
    if (fps !== undefined && (fps < minFps - tol || fps > maxFps + tol))
        return `plays at ${Number(fps.toFixed(2))} fps: videos must be ${minFps}-${maxFps} fps.`;
    return undefined;
}
/** Reference videos and reference audios each add up to at most 15 s. */
function checkTotals(infos) {
    for (const role of ['video', 'audio']) {
        const items = infos.filter((i) => i.role === role && i.durationSec !== undefined);
        const total = items.reduce((sum, i) => sum + i.durationSec, 0);
        const max = MEDIA_LIMITS[role].totalSeconds;
        if (Math.round(total * 1000) > max * 1000) {
            const labels = [...new Set(items.map((i) => `\`${i.label}\``))];
            const list = items.map((i) => `${i.displayPath} ${seconds(i.durationSec)}`).join(', ');
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`${labels.length > 1 ? 'Inputs' : 'Input'} ${labels.join(', ')}: the reference ${PLURAL[role]} add up to ${seconds(total)} (${list}); at most ${max} s in all.`);
        }
    }
}


/***/ }),

/***/ 381:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Placer: () => (/* binding */ Placer),
  checkLocalMedia: () => (/* binding */ checkLocalMedia),
  closeLocalMedia: () => (/* binding */ closeLocalMedia)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/format.ts
var format = __webpack_require__(6264);
// EXTERNAL MODULE: ./src/api/http.ts
var http = __webpack_require__(5330);
// EXTERNAL MODULE: ./src/api/http-errors.ts
var http_errors = __webpack_require__(6364);
// EXTERNAL MODULE: ./src/local/formats.ts
var formats = __webpack_require__(5535);
// EXTERNAL MODULE: ./src/step/parse.ts
var parse = __webpack_require__(8965);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
// EXTERNAL MODULE: ./src/api/task.ts
var task = __webpack_require__(5347);
// EXTERNAL MODULE: ./src/api/retry.ts
var retry = __webpack_require__(7018);
;// CONCATENATED MODULE: ./src/local/asset-library.ts
/**
 * The PowerTokens Asset Library: local media become `asset://<id>` URLs. Everything known
 * (partly unconfirmed: the README says what is assumed) about this API lives here:
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













/** An envelope is a few hundred bytes; anything past this is not one. */
const MAX_ANSWER_BYTES = 64 * 1024;
/** The longest a `Retry-After` on a "processing" answer is heeded before the next poll. */
const MAX_PROCESSING_RETRY_AFTER_MS = 60_000;
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
        const size = await (file.handle ? file.handle.stat() : (0,promises_.stat)(file.path)).then((s) => s.size, (err) => fail(new errors/* ApiError */.hD(`${failedTo(file)}: the file cannot be read (${(0,errors/* errorMessage */.gJ)(err)}).`, 'protocol')));
        log(`Uploading ${file.displayPath} (\`${file.label}\`, ${(0,format/* formatBytes */.z3)(size)}) to the Asset Library...`);
        const started = await this.withRetries(file, signal, 'upload', () => this.send(file, size, signal));
        let assetId = started.assetId;
        if (assetId === undefined) {
            log(`Uploaded ${file.displayPath}; waiting for its asset id (upload task ${started.taskId}).`);
            assetId = await this.waitForAsset(file, started.taskId, signal);
        }
        assetId = checkedId(file, assetId);
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
            const stream = file.handle
                ? file.handle.createReadStream({ start: 0, autoClose: false, emitClose: false, highWaterMark: 256 * 1024 })
                : (0,external_node_fs_.createReadStream)(file.path, { highWaterMark: 256 * 1024 });
            for await (const chunk of stream)
                yield chunk;
            yield tailBytes;
        }
        const timeoutMs = this.options.timeoutMs + Math.ceil(size / UPLOAD_BYTES_PER_SECOND) * 1000;
        const answer = await this.request(file, 'POST', '/v1/asset/upload', signal, timeoutMs, 'upload', {
            body,
            contentLength: headBytes.length + size + tailBytes.length,
            headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }
        });
        const envelope = this.read(file, answer, false);
        const taskId = stringField(envelope.data, 'task_id') ?? stringField(envelope.data, 'taskId');
        const assetId = stringField(envelope.data, 'asset_id') ?? stringField(envelope.data, 'assetId');
        if (taskId === undefined && assetId === undefined) {
            throw new errors/* ApiError */.hD(`${failedTo(file)}: the answer names no upload task (HTTP ${answer.status}).`, 'protocol', answer.status);
        }
        return { taskId, assetId };
    }
    /** Polls `get-asset-id` until the library names the asset. */
    async waitForAsset(file, taskId, signal) {
        const { pollIntervalMs = 2000, jobTimeoutMs = 600_000 } = this.options;
        const started = Date.now();
        const deadline = Math.min(Date.now() + jobTimeoutMs, this.options.deadline ?? Infinity);
        const path = `/v1/asset/jobs/get-asset-id?task_id=${encodeURIComponent(taskId)}`;
        for (;;) {
            const answer = await this.withRetries(file, signal, 'poll', async () => {
                const a = await this.request(file, 'GET', path, signal, this.options.timeoutMs, 'asset-poll');
                return { answer: a, envelope: this.read(file, a, true) };
            });
            const { envelope } = answer;
            const assetId = stringField(envelope.data, 'asset_id') ?? stringField(envelope.data, 'assetId');
            const status = stringField(envelope.data, 'status');
            if (assetId !== undefined && (envelope.code === undefined || envelope.code === 200))
                return checkedId(file, assetId);
            if (status !== undefined && FAILED_STATUS.test(status)) {
                const reason = (0,redact/* cleanText */.X5)(stringField(envelope.data, 'message') ?? stringField(envelope.data, 'error') ?? envelope.message ?? status, 300);
                throw new errors/* ApiError */.hD(`${failedTo(file)}: ${reason}${codeNote(envelope, answer.answer.status)}.`, 'rejected', answer.answer.status);
            }
            // A Retry-After on a "processing" answer says when to ask again (at most a minute); else `pollIntervalMs`.
            const asked = (0,retry/* parseRetryAfter */.mu)(answer.answer.headers.get('retry-after'));
            const delay = asked === undefined ? pollIntervalMs : Math.min(asked, MAX_PROCESSING_RETRY_AFTER_MS);
            if (Date.now() + delay > deadline) {
                const limit = deadline === this.options.deadline ? '(`timeout`)' : '';
                throw new errors/* ApiError */.hD(`${failedTo(file)}: no asset id after ${(0,format/* formatDuration */.a3)(Math.max(0, deadline - started))}${limit ? ` ${limit}` : ''} (upload task ${(0,redact/* cleanText */.X5)(taskId, 80)}, last answer: ${(0,redact/* cleanText */.X5)(envelope.message ?? status ?? 'processing', 120)}).`, 'transient');
            }
            await this.sleep(signal)(delay);
        }
    }
    /** An envelope from a 2xx answer, or the ApiError the answer means. */
    read(file, answer, polling) {
        const { status, text, headers } = answer;
        const envelope = parseEnvelope(text);
        const code = envelope?.code;
        // The library often answers HTTP 200 whatever `code` says: an error code counts as the
        // status, except that a 5xx code in a 2xx answer is the library's final word on this file.
        const inBody = status >= 200 && status < 300 && code !== undefined && code >= 400;
        const effective = inBody ? (code >= 500 ? 422 : code) : status;
        if (effective < 200 || effective > 299) {
            const said = envelope ? { message: envelope.message, code: code === undefined ? undefined : String(code), html: false } : undefined;
            throw this.named(file, (0,http_errors/* classifyResponse */.IJ)(polling ? 'asset-poll' : 'upload', { status: effective, text, headers, said }));
        }
        if (envelope === undefined) {
            return fail(new errors/* ApiError */.hD(`${failedTo(file)}: the answer is not JSON (HTTP ${status}).`, polling ? 'transient' : 'protocol', status));
        }
        if (code !== undefined && code !== 200 && !PENDING_CODES.has(code) && !polling) {
            return fail(new errors/* ApiError */.hD(`${failedTo(file)}: ${envelope.message ?? 'unexpected answer'}${codeNote(envelope, status)}.`, 'protocol', status));
        }
        return envelope;
    }
    /** The classifier's sentence, saying which file it was about. */
    named(file, err) {
        if (err.message.startsWith(failedTo(file)))
            return err;
        return new errors/* ApiError */.hD(`${failedTo(file)}: ${lowerFirst(err.message)}`, err.kind, err.status, err.retryAfterMs, err.code);
    }
    async request(file, method, path, signal, timeoutMs, phase, extra = {}) {
        const url = `${this.base}${path}`;
        try {
            return await (0,http/* exchange */.cv)({
                method,
                url,
                headers: { 'user-agent': this.options.userAgent, accept: 'application/json', ...extra.headers },
                // The bare key, no `Bearer`; to this origin only.
                credentials: { origin: this.origin, headers: { authorization: this.options.apiKey } },
                body: extra.body,
                contentLength: extra.contentLength,
                timeoutMs,
                idleTimeoutMs: this.options.timeoutMs,
                maxBytes: MAX_ANSWER_BYTES,
                signal
            });
        }
        catch (err) {
            if (signal.aborted)
                throw signal.reason;
            throw this.named(file, (0,http_errors/* classifyNetworkError */.LW)(phase, err, url, timeoutMs));
        }
    }
    withRetries(file, signal, phase, attempt) {
        const { maxRetries, log, random, deadline } = this.options;
        return (0,retry/* withRetries */.LH)(attempt, {
            maxRetries,
            deadline,
            retryable: (err) => (0,http_errors/* isRetryable */.r3)(phase === 'upload' ? 'upload' : 'asset-poll', err),
            sleep: this.sleep(signal),
            random,
            signal,
            onRetry: (err, delay, n) => {
                const reason = lowerFirst((0,errors/* errorMessage */.gJ)(err).replace(/^.*?failed: /, ''));
                log((0,retry/* retryLine */.Rn)(`${phase === 'upload' ? 'Uploading' : 'Waiting for'} ${file.displayPath}: ${reason}`, delay, n, maxRetries));
            },
            giveUp: (err, max) => {
                const e = this.named(file, err);
                return new errors/* ApiError */.hD(`${e.message.replace(/\.$/, '')}; ${(0,retry/* gaveUpText */.MS)(max)}.`, e.kind, e.status, undefined, e.code);
            }
        });
    }
    sleep(signal) {
        return (0,retry/* abortableSleep */.Mf)(signal, this.options.sleep);
    }
}
function fail(error) {
    throw error;
}
/** An asset id goes into the request body and the log: a plain token only. */
function checkedId(file, id) {
    if (task.TASK_ID.test(id))
        return id;
    throw new errors/* ApiError */.hD(`${failedTo(file)}: the library named an asset id that is not a plain token ("${(0,redact/* cleanText */.X5)(id, 60)}").`, 'protocol');
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
    return { code: rawCode, message: message === undefined ? undefined : (0,redact/* cleanText */.X5)(message, 300), data };
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
    const extensions = (0,formats/* extensionsFor */.il)(file.mime);
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

// EXTERNAL MODULE: ./src/local/readers.ts
var readers = __webpack_require__(7107);
;// CONCATENATED MODULE: ./src/local/data-url.ts
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
async function toDataUrl(file, mime, label, maxBytes = DATA_URL_MAX_BYTES, display = typeof file === 'string' ? file : 'the file') {
    const where = `Input \`${label}\` file ${display}`;
    if (!/^image\/[\w.+-]+$/i.test(mime)) {
        throw new errors/* InputError */.dz(`${where} is ${mime}: only images can be sent as data: URLs (\`local-images-as: data-url\`); upload it to the Asset Library instead.`);
    }
    const handle = typeof file === 'string' ? await (0,promises_.open)(file, 'r') : file;
    try {
        const { size } = await handle.stat();
        if (size > maxBytes) {
            const [actual, cap] = (0,format/* formatSizes */.A9)(size, maxBytes);
            throw new errors/* InputError */.dz(`${where} is ${actual}: images sent as data: URLs (\`local-images-as: data-url\`) must be at most ${cap}; upload it to the Asset Library instead.`);
        }
        const bytes = await (0,readers.readHead)(handle, size);
        return `data:${mime.toLowerCase()};base64,${bytes.toString('base64')}`;
    }
    finally {
        if (typeof file === 'string')
            await handle.close();
    }
}

// EXTERNAL MODULE: ./src/local/files.ts
var files = __webpack_require__(1436);
// EXTERNAL MODULE: ./src/local/inspect.ts
var inspect = __webpack_require__(2815);
// EXTERNAL MODULE: ./src/local/limits.ts
var limits = __webpack_require__(5583);
;// CONCATENATED MODULE: ./src/local/media.ts
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
/**
 * Resolves, opens and inspects every local file; the first broken rule throws an InputError.
 * The files stay open for placeLocalMedia; `closeLocalMedia` closes them (also on failure).
 */
async function checkLocalMedia(locals, roots, log) {
    const checked = [];
    const opened = new Map();
    const seen = new Map();
    try {
        for (const local of locals) {
            const candidate = await (0,files.openLocalFile)(local.path, roots, local.input);
            let file = opened.get(candidate.path);
            if (file)
                await candidate.handle.close();
            else
                opened.set(candidate.path, (file = candidate));
            const role = ROLE[local.type];
            const key = `${role}:${file.path}`;
            let info = seen.get(key);
            if (!info) {
                info = await (0,inspect/* inspectMedia */.l)(file, role, local.input, local.path);
                seen.set(key, info);
                log(`Checked ${local.path}: ${describe(info)}.`);
            }
            checked.push({ ...local, info, file });
        }
        (0,limits.checkTotals)(checked.map((c) => c.info));
        return checked;
    }
    catch (err) {
        await Promise.all([...opened.values()].map((f) => f.handle.close().catch(() => undefined)));
        throw err;
    }
}
/** Closes the files checkLocalMedia opened. */
async function closeLocalMedia(checked) {
    const handles = new Set(checked.map((c) => c.file.handle));
    await Promise.all([...handles].map((h) => h.close().catch(() => undefined)));
}
/**
 * Puts each checked file's reference into a request's `body.media` (in place). One placer
 * serves a whole run: each distinct file, by content, is uploaded once for all the entries
 * that name it. A dry run uploads nothing and shows what would be uploaded.
 */
class Placer {
    o;
    refs = new Map();
    library;
    constructor(o) {
        this.o = o;
    }
    /** Returns, for the `assets` output, the path as written -> its `asset://` reference. */
    async place(body, checked) {
        const assets = {};
        const uploads = [];
        for (const c of checked) {
            if (this.o.imagesAs === 'data-url' && c.info.role === 'image' && c.remote !== true)
                setUrl(body, c, await toDataUrl(c.file.handle, c.info.mime, c.input, undefined, c.path));
            else
                uploads.push(c);
        }
        if (uploads.length === 0)
            return assets;
        const fresh = unique(uploads).filter((c) => !this.refs.has(c.info.sha256));
        if (this.o.dryRun) {
            for (const c of fresh) {
                this.o.log(`Dry run: would upload ${c.path} to the Asset Library (${this.o.library.baseUrl}).`);
                this.refs.set(c.info.sha256, Promise.resolve(''));
            }
            for (const c of uploads)
                setUrl(body, c, `asset://<upload of ${c.path}>`);
            return assets;
        }
        if (fresh.length > 0) {
            this.library ??= new AssetLibrary({ ...this.o.library, log: this.o.log });
            const all = this.library.uploadAll(fresh.map((c) => ({ ...c.info, handle: c.file.handle })));
            for (const c of fresh) {
                const ref = all.then((refs) => refs.get(c.info.sha256) ?? Promise.reject(new Error(`No asset reference for ${c.path}`)));
                // Every file's promise is handled: when one fails, the run ends on the first awaited below and
                // the others' failures (the same upload batch) must not escape as unhandled rejections.
                ref.catch(() => undefined);
                this.refs.set(c.info.sha256, ref);
            }
        }
        for (const c of uploads) {
            const ref = await this.refs.get(c.info.sha256);
            setUrl(body, c, ref);
            assets[c.path] = ref;
        }
        return assets;
    }
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
    const parts = [info.mime, (0,format/* formatBytes */.z3)(info.bytes)];
    if (info.width && info.height)
        parts.push(`${info.width}x${info.height}`);
    if (info.durationSec !== undefined)
        parts.push(`${info.durationSec.toFixed(1)} s`);
    if (info.fps !== undefined)
        parts.push(`${info.fps.toFixed(0)} fps`);
    return parts.join(', ');
}


/***/ }),

/***/ 7107:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DC: () => (/* binding */ hashFile),
/* harmony export */   Fh: () => (/* binding */ imageDimensions),
/* harmony export */   i5: () => (/* binding */ inspectVideo),
/* harmony export */   readHead: () => (/* binding */ readHead),
/* harmony export */   xU: () => (/* binding */ audioDuration)
/* harmony export */ });
/* unused harmony export streamOf */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/**
 * Reading facts out of media files: the first bytes, the sha256, image dimensions, video
 * duration and frame rate, audio duration. Every read goes through the one open, verified
 * handle (files.ts), never the path again. The parsers are loaded only when a file of their
 * kind is read.
 */


/** The first `max` bytes (positional reads: the handle is shared). */
async function readHead(file, max) {
    const buffer = Buffer.alloc(max);
    let length = 0;
    while (length < max) {
        const { bytesRead } = await file.read(buffer, length, max - length, length);
        if (bytesRead === 0)
            break;
        length += bytesRead;
    }
    return buffer.subarray(0, length);
}
/** The whole file from its start, as a stream that leaves the handle open. */
function streamOf(file, highWaterMark = 1024 * 1024) {
    return file.createReadStream({ start: 0, autoClose: false, emitClose: false, highWaterMark });
}
/** Streams the file once, handing each chunk to `onChunk`; returns the hex sha256. */
async function hashFile(file, onChunk) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    let offset = 0;
    for await (const chunk of streamOf(file)) {
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
async function inspectVideo(file, size, mimeType) {
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
            parseError = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err);
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
        const { parseBuffer, TrackType } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(20), __webpack_require__.e(258)]).then(__webpack_require__.bind(__webpack_require__, 9258));
        let format;
        try {
            // At most 50 MB (the size rule came first), read once from the open file.
            format = (await parseBuffer(await readHead(file, size), { size, mimeType }, { duration: true, skipCovers: true })).format;
        }
        catch (err) {
            throw new Error(parseError ?? (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err));
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
async function audioDuration(file, size, mimeType) {
    const { parseBuffer } = await Promise.all(/* import() */[__webpack_require__.e(830), __webpack_require__.e(20), __webpack_require__.e(258)]).then(__webpack_require__.bind(__webpack_require__, 9258));
    // At most 15 MB (the size rule came first), read once from the open file.
    const { format } = await parseBuffer(await readHead(file, size), { size, mimeType }, { duration: true, skipCovers: true });
    return format.duration ?? format.trackInfo.find((t) => t.duration !== undefined)?.duration;
}


/***/ })

};
