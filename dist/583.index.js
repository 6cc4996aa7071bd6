export const id = 583;
export const ids = [583];
export const modules = {

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


/***/ })

};
