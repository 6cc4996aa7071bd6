export const id = 431;
export const ids = [431];
export const modules = {

/***/ 8431:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lastFramePath: () => (/* binding */ lastFramePath),
/* harmony export */   videoPath: () => (/* binding */ videoPath)
/* harmony export */ });
/* unused harmony exports workspace, displayPath */
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


/***/ })

};
