export const id = 720;
export const ids = [720,107,583];
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


/***/ }),

/***/ 5720:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_REDIRECTS: () => (/* binding */ MAX_REDIRECTS),
/* harmony export */   ROLE: () => (/* binding */ ROLE),
/* harmony export */   RemoteMedia: () => (/* binding */ RemoteMedia),
/* harmony export */   planRemote: () => (/* binding */ planRemote),
/* harmony export */   remoteItems: () => (/* binding */ remoteItems),
/* harmony export */   shownUrl: () => (/* binding */ shownUrl)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6466);
/* harmony import */ var node_stream_promises__WEBPACK_IMPORTED_MODULE_4___default = /*#__PURE__*/__webpack_require__.n(node_stream_promises__WEBPACK_IMPORTED_MODULE_4__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3916);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6264);
/* harmony import */ var _api_http_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5330);
/* harmony import */ var _api_http_errors_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(6364);
/* harmony import */ var _api_retry_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(7018);
/* harmony import */ var _api_url_policy_js__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(9148);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(6670);
/* harmony import */ var _inspect_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(2815);
/* harmony import */ var _limits_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(5583);
/**
 * Media given by URL, with `remote-media-as: asset` (issue 22): PowerTokens' Seedance 2.0 guide asks
 * that every image, video and audio come from its Asset Library. Each distinct `http(s)://` link
 * is fetched once per step under the download's rules, checked like a workspace file of its role
 * (inspect.ts), and handed to the Placer (media.ts), which uploads it once and puts `asset://<id>`
 * in its place. `asset://` and `data:` items are left alone.
 *
 * The rules of a fetch: https, or plain http to loopback only when the API itself is there (a local
 * test); never a private, link-local or cloud-metadata address (checked on the name, the IP literal
 * and every address DNS gives, redirects included); at most MAX_REDIRECTS redirects; the role's size
 * cap, before and while reading; `request-timeout` for a silent server, `timeout` and a cancel
 * through the step's signal. Every failure is one InputError naming the input and the link (its
 * query never shown: signed links carry credentials there).
 */














/** Redirects a fetch follows, as a download does. */
const MAX_REDIRECTS = 5;
const ROLE = {
    first_frame: 'image',
    last_frame: 'image',
    reference_image: 'image',
    reference_video: 'video',
    reference_audio: 'audio'
};
/** The `http(s)://` media items of a body, each with the input it came from. */
function remoteItems(request) {
    return request.body.media.flatMap((m, index) => m.type !== 'text' && /^https?:\/\//i.test(m.url) ? [{ index, url: m.url, type: m.type, input: request.sources[index]?.input ?? 'media' }] : []);
}
/** A link as the log and errors show it: no query, fragment or user info, and never very long. */
function shownUrl(url) {
    try {
        const u = new URL(url);
        const text = `${u.protocol}//${u.host}${u.pathname}`;
        return text.length > 160 ? `${text.slice(0, 150)}...` : text;
    }
    catch {
        return '(an invalid URL)';
    }
}
/**
 * The dry run: each remote item shown as the upload it would become, and one line per distinct
 * link; nothing is fetched. `said` is shared by a run's entries, so a link is named once.
 */
function planRemote(body, request, said, assetBase, log) {
    for (const item of remoteItems({ body, sources: request.sources })) {
        const shown = shownUrl(item.url);
        if (!said.has(item.url)) {
            said.add(item.url);
            log(`Dry run: would upload ${shown} (\`${item.input}\`) to the Asset Library (${assetBase}) once fetched and checked; nothing was fetched.`);
        }
        const media = body.media[item.index];
        if (media && media.type !== 'text')
            media.url = `asset://<upload of ${shown}>`;
    }
}
/** Fetches each distinct link once for a whole step and checks it for every role it is used in. */
class RemoteMedia {
    o;
    files = new Map();
    checks = new Map();
    constructor(o) {
        this.o = o;
    }
    /** The item fetched (once per link) and checked (once per link and role), ready for the Placer. */
    async check(item) {
        const role = ROLE[item.type];
        const shown = shownUrl(item.url);
        let file = this.files.get(item.url);
        if (!file) {
            file = this.fetch(item.url, role, item.input, shown);
            file.catch(() => undefined); // awaited below; a later item naming the link awaits it again
            this.files.set(item.url, file);
        }
        const opened = await file;
        const key = `${role}\n${item.url}`;
        let info = this.checks.get(key);
        if (!info) {
            info = (0,_inspect_js__WEBPACK_IMPORTED_MODULE_10__/* .inspectMedia */ .l)(opened, role, item.input, shown);
            info.catch(() => undefined);
            this.checks.set(key, info);
            const checked = await info;
            this.o.log(`Checked ${shown}: ${checked.mime}, ${(0,_format_js__WEBPACK_IMPORTED_MODULE_6__/* .formatBytes */ .z3)(checked.bytes)}${checked.width && checked.height ? `, ${checked.width}x${checked.height}` : ''}${checked.durationSec !== undefined ? `, ${checked.durationSec.toFixed(1)} s` : ''}.`);
        }
        return { index: item.index, path: shown, type: item.type, input: item.input, info: await info, file: opened, remote: true };
    }
    /** Closes every file fetched (their folders are gone already). */
    async close() {
        const files = await Promise.allSettled(this.files.values());
        await Promise.all(files.map((f) => (f.status === 'fulfilled' ? f.value.handle.close().catch(() => undefined) : undefined)));
    }
    async fetch(url, role, input, shown) {
        const { signal } = this.o;
        const where = `Input \`${input}\`: ${shown}`;
        let u;
        try {
            u = new URL(url);
        }
        catch {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .InputError */ .dz(`Input \`${input}\` has a media link that is not a valid URL (${(0,_redact_js__WEBPACK_IMPORTED_MODULE_12__/* .cleanText */ .X5)(url, 60)}).`);
        }
        const badHost = (0,_api_url_policy_js__WEBPACK_IMPORTED_MODULE_13__/* .hostNameProblem */ .Rr)(u.hostname);
        if (badHost !== undefined)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .InputError */ .dz(`Input \`${input}\`: a media link has ${badHost}; it was not fetched.`);
        if (!(0,_api_url_policy_js__WEBPACK_IMPORTED_MODULE_13__/* .transportAllowed */ .Ec)(u))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .InputError */ .dz(`${where} is not an https:// link (plain http:// is fetched only from localhost); it was not fetched.`);
        const refused = (0,_api_url_policy_js__WEBPACK_IMPORTED_MODULE_13__/* .unsafeHost */ .bt)(u, this.o.allowLoopback) ?? (0,_api_url_policy_js__WEBPACK_IMPORTED_MODULE_13__/* .privateAddress */ .wv)(u.hostname);
        if (refused !== undefined)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .InputError */ .dz(`${where} points to ${refused}; media are fetched only from public hosts, so it was not fetched.`);
        if (signal.aborted)
            throw (0,_api_retry_js__WEBPACK_IMPORTED_MODULE_9__/* .abortReason */ .Js)(signal);
        const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.o.runnerTemp, 'seedance-remote-'));
        const dest = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'media');
        this.o.log(`Fetching ${shown} (\`${input}\`) to upload it to the Asset Library...`);
        try {
            await (0,_api_retry_js__WEBPACK_IMPORTED_MODULE_9__/* .withRetries */ .LH)(() => this.once(u, dest, role, where), {
                maxRetries: this.o.maxRetries,
                deadline: this.o.deadline,
                retryable: (err) => (0,_api_http_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .isRetryable */ .r3)('download', err),
                sleep: (0,_api_retry_js__WEBPACK_IMPORTED_MODULE_9__/* .abortableSleep */ .Mf)(signal),
                signal,
                onRetry: (err, delay, n) => this.o.log((0,_api_retry_js__WEBPACK_IMPORTED_MODULE_9__/* .retryLine */ .Rn)(`Fetching ${shown}: ${lowerFirst((0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .gJ)(err))}`, delay, n, this.o.maxRetries)),
                giveUp: (err, max) => new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ApiError */ .hD(`${(0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .gJ)(err).replace(/\.$/, '')}; ${(0,_api_retry_js__WEBPACK_IMPORTED_MODULE_9__/* .gaveUpText */ .MS)(max)}`, 'transient')
            });
            // Read through this handle from now on; the folder goes at once (on Windows the runner clears RUNNER_TEMP).
            const handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(dest, 'r');
            return { path: dest, handle };
        }
        catch (err) {
            if (signal.aborted)
                throw (0,_api_retry_js__WEBPACK_IMPORTED_MODULE_9__/* .abortReason */ .Js)(signal);
            if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .InputError */ .dz)
                throw err;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .InputError */ .dz(`${where} could not be fetched: ${lowerFirst((0,_redact_js__WEBPACK_IMPORTED_MODULE_12__/* .cleanText */ .X5)((0,_errors_js__WEBPACK_IMPORTED_MODULE_5__/* .errorMessage */ .gJ)(err), 300)).replace(/\.?$/, '.')}`);
        }
        finally {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(dir, { recursive: true, force: true }).catch(() => undefined);
        }
    }
    /** One GET into `dest`, redirects followed by the transport under the same guard. */
    async once(u, dest, role, where) {
        const { signal, timeoutMs } = this.o;
        let res;
        try {
            res = await (0,_api_http_js__WEBPACK_IMPORTED_MODULE_7__/* .send */ .tN)({
                method: 'GET',
                url: u,
                headers: { 'user-agent': this.o.userAgent, accept: '*/*', 'accept-encoding': 'identity' },
                idleTimeoutMs: timeoutMs,
                maxRedirects: MAX_REDIRECTS,
                guard: { allowLoopback: this.o.allowLoopback, allowPrivate: false },
                signal
            });
        }
        catch (err) {
            if (signal.aborted)
                throw (0,_api_retry_js__WEBPACK_IMPORTED_MODULE_9__/* .abortReason */ .Js)(signal);
            throw (0,_api_http_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .classifyNetworkError */ .LW)('download', err, u, timeoutMs);
        }
        if (res.status !== 200) {
            await (0,_api_http_js__WEBPACK_IMPORTED_MODULE_7__/* .readSome */ .jV)(res.body, 1024); // never quoted: a server's page is not the user's business here
            const kind = res.status === 429 ? 'rate-limited' : res.status >= 500 || res.status === 408 ? 'transient' : 'protocol';
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .ApiError */ .hD(`the server answered HTTP ${res.status}`, kind, res.status, (0,_api_retry_js__WEBPACK_IMPORTED_MODULE_9__/* .parseRetryAfter */ .mu)(res.headers.get('retry-after')));
        }
        const length = res.headers.get('content-length');
        const declared = length !== null && /^\d+$/.test(length) ? Number(length) : undefined;
        const announced = declared === undefined ? undefined : (0,_limits_js__WEBPACK_IMPORTED_MODULE_11__/* .sizeRule */ .co)(role, declared);
        if (announced !== undefined) {
            res.body.destroy();
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .InputError */ .dz(`${where} ${announced.replace(/\.$/, '')} (as its server announced); it was not fetched.`);
        }
        const cap = new SizeCap(role, where);
        try {
            await (0,node_stream_promises__WEBPACK_IMPORTED_MODULE_4__.pipeline)(res.body, cap, (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createWriteStream)(dest));
        }
        catch (err) {
            if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .InputError */ .dz || signal.aborted)
                throw signal.aborted ? (0,_api_retry_js__WEBPACK_IMPORTED_MODULE_9__/* .abortReason */ .Js)(signal) : err;
            throw (0,_api_http_errors_js__WEBPACK_IMPORTED_MODULE_8__/* .classifyNetworkError */ .LW)('download', err, u, timeoutMs);
        }
    }
}
/** Stops a body at the role's size cap, whatever the server announced. */
class SizeCap extends node_stream__WEBPACK_IMPORTED_MODULE_3__.Transform {
    role;
    where;
    bytes = 0;
    constructor(role, where) {
        super();
        this.role = role;
        this.where = where;
    }
    _transform(chunk, _encoding, done) {
        this.bytes += chunk.length;
        const rule = (0,_limits_js__WEBPACK_IMPORTED_MODULE_11__/* .sizeRule */ .co)(this.role, this.bytes);
        if (rule !== undefined) {
            const must = rule.slice(rule.indexOf(': ') + 2);
            done(new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .InputError */ .dz(`${this.where} sent more than ${(0,_format_js__WEBPACK_IMPORTED_MODULE_6__/* .formatBytes */ .z3)(_limits_js__WEBPACK_IMPORTED_MODULE_11__/* .MEDIA_LIMITS */ .UH[this.role].maxBytes)}, so the fetch was stopped: ${must}`));
            return;
        }
        done(null, chunk);
    }
}
function lowerFirst(s) {
    return /^[A-Z][a-z]/.test(s) ? `${s[0]?.toLowerCase()}${s.slice(1)}` : s;
}


/***/ })

};
