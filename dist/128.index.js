export const id = 128;
export const ids = [128];
export const modules = {

/***/ 7128:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MP4BoxBuffer: () => (/* reexport safe */ mp4box__WEBPACK_IMPORTED_MODULE_2__.Vx),
/* harmony export */   createFile: () => (/* reexport safe */ mp4box__WEBPACK_IMPORTED_MODULE_2__.x3),
/* harmony export */   fileTypeFromBuffer: () => (/* reexport safe */ file_type__WEBPACK_IMPORTED_MODULE_0__.BI),
/* harmony export */   imageSize: () => (/* reexport safe */ image_size__WEBPACK_IMPORTED_MODULE_1__.R9),
/* harmony export */   parseBuffer: () => (/* reexport safe */ music_metadata__WEBPACK_IMPORTED_MODULE_3__.ix)
/* harmony export */ });
/* harmony import */ var file_type__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7489);
/* harmony import */ var image_size__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2013);
/* harmony import */ var mp4box__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1111);
/* harmony import */ var music_metadata__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8578);
/**
 * The media parsers, loaded together and only when a media file is read (readers.ts,
 * inspect.ts): as one chunk on demand they save a dry run and a plain submit about 90 ms on
 * Node 24 (CONTRIBUTING, "Start-up"), which no run that names no file should pay.
 */


// The full build: the lighter 'mp4box/simple' entry does not register the sample tables
// (stts, stsz), so it cannot count frames.




/***/ })

};
