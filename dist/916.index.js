export const id = 916;
export const ids = [916];
export const modules = {

/***/ 9916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   requestIdentity: () => (/* binding */ requestIdentity)
/* harmony export */ });
/* unused harmony export canonicalJson */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/**
 * The identity of a video request: a sha256 of everything that decides the video, so a
 * cache can recognise "the same request" across runs. Workspace files count by the sha256
 * of their content, not by the `asset://` id or data: URL they were placed as (those differ
 * per upload); seed -1 (random) and an unset seed are the same request.
 */

/** Stable lowercase hex sha256 of the request. */
function requestIdentity({ baseUrl, body, localFiles, after }) {
    const files = localFiles instanceof Map ? localFiles : new Map(Object.entries(localFiles ?? {}).map(([k, v]) => [Number(k), v]));
    const normal = normalizeBody(body, files);
    const text = canonicalJson({ v: 1, baseUrl: baseUrl.replace(/\/+$/, ''), body: normal, after });
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(text).digest('hex');
}
function normalizeBody(body, files) {
    if (!isRecord(body))
        return body;
    const out = { ...body };
    if (out.seed === -1 || out.seed === undefined)
        delete out.seed;
    if (Array.isArray(out.media)) {
        out.media = out.media.map((item, index) => {
            const sha = files.get(index);
            if (sha === undefined || !isRecord(item))
                return item;
            const copy = { ...item };
            delete copy.url;
            copy.contentSha256 = sha.toLowerCase();
            return copy;
        });
    }
    return out;
}
/** JSON with object keys sorted at every depth; undefined members left out as JSON does. */
function canonicalJson(value) {
    if (Array.isArray(value))
        return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
    if (isRecord(value)) {
        const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
        return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
    }
    return JSON.stringify(value) ?? 'null';
}
function isRecord(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}


/***/ })

};
