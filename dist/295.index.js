export const id = 295;
export const ids = [295];
export const modules = {

/***/ 3295:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runSingleStep: () => (/* binding */ runSingleStep)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6264);
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2007);
/* harmony import */ var _delivery_paths_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9208);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6670);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6962);
/**
 * The single step: the inputs as one entry of the pipeline, and that entry's state mapped to
 * the step's outputs (as soon as each is known) and to its summary.
 */







async function runSingleStep(ctx) {
    const { io, config, outputs, report } = ctx;
    const info = (line) => io.info(line);
    report.baseUrl = config.baseUrl;
    report.request = config.request?.body;
    report.locals = config.request?.locals;
    const outputPath = config.outputPath;
    const entry = {
        name: 'video',
        config,
        tag: '',
        wait: config.wait,
        saveTo: outputPath !== undefined ? (id) => (0,_delivery_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .videoPath */ .JD)(outputPath, id, config.workspace) : undefined,
        tempFile: (id) => (0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(config.runnerTemp, `${(0,_delivery_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .safeFileName */ .Tx)(id)}.mp4`),
        assetName: (release, saved, id) => config.releaseAssetName ?? defaultName(release, saved, id),
        checked: []
    };
    const { checkEntryFiles, closeEntries, dryRun, findRelease, lookUpReuse, runEntries } = await __webpack_require__.e(/* import() */ 717).then(__webpack_require__.bind(__webpack_require__, 1717));
    try {
        const problems = await checkEntryFiles([entry], config, () => '', info);
        if (problems.length > 0)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(problems[0]);
        await lookUpReuse([entry], config, (line) => io.warning(line));
        if (config.dryRun) {
            await dryRun([entry], config, info);
            report.dryRun = true;
            if (config.request)
                outputs.set('request', JSON.stringify((0,_redact_js__WEBPACK_IMPORTED_MODULE_6__/* .shortenDataUrls */ .ER)(config.request.body)));
            report.next = [config.taskId !== undefined ? 'Remove `dry-run` to read the task.' : 'Remove `dry-run` (and set `api-key`) to submit this request.'];
            return await ctx.summary((0,_summary_js__WEBPACK_IMPORTED_MODULE_5__/* .renderSummary */ .Br)(report));
        }
        if (config.cache)
            outputs.set('cache-hit', String(entry.hit !== undefined));
        // A missing release must fail the step before the video is paid for, not after.
        const release = config.uploadToRelease ? await findRelease(config, 1, info, ctx.deadline, ctx.signal) : undefined;
        const sync = outputSync(ctx);
        const [state] = await runEntries({
            entries: [entry],
            step: config,
            maxConcurrency: 1,
            deadline: ctx.deadline,
            signal: ctx.signal,
            release,
            logs: { info, warn: (line) => io.warning(line), debug: (line) => io.debug(line) },
            workspace: config.workspace,
            states: [],
            changed: sync
        });
        if (state.failure !== undefined)
            throw state.failure;
        report.next = (0,_main_js__WEBPACK_IMPORTED_MODULE_3__/* .nextSteps */ .Zn)(config, report);
        await ctx.summary((0,_summary_js__WEBPACK_IMPORTED_MODULE_5__/* .renderSummary */ .Br)(report));
    }
    finally {
        await closeEntries([entry]);
    }
}
/** `release-asset-name`'s default: the saved file's name, else `<repo>-<tag>.mp4`. */
async function defaultName(release, saved, id) {
    const { defaultAssetName } = await __webpack_require__.e(/* import() */ 957).then(__webpack_require__.bind(__webpack_require__, 6338));
    return defaultAssetName(release, saved, `${(0,_delivery_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .safeFileName */ .Tx)(id)}.mp4`);
}
/** Each change of the entry's state goes to the report and, where it changed, to its output. */
function outputSync(ctx) {
    const { outputs, report, config } = ctx;
    const last = new Map();
    const put = (name, value) => {
        if (value === undefined || last.get(name) === value)
            return;
        last.set(name, value);
        outputs.set(name, value);
    };
    return (s) => {
        Object.assign(report, {
            taskId: s.taskId,
            status: s.status,
            progress: s.progress,
            timings: s.timings,
            videoUrl: s.videoUrl,
            lastFrameUrl: s.lastFrameUrl,
            videoFile: s.videoPath,
            videoPath: s.videoPath && (0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .displayPath */ .Gt)(s.videoPath, config.workspace),
            lastFrameFile: s.lastFramePath,
            lastFramePath: s.lastFramePath && (0,_format_js__WEBPACK_IMPORTED_MODULE_2__/* .displayPath */ .Gt)(s.lastFramePath, config.workspace),
            releaseAssetUrl: s.releaseAssetUrl,
            cacheHit: s.cacheHit,
            assets: s.assets
        });
        put('request', s.request && JSON.stringify(s.request));
        put('assets', s.assets && JSON.stringify(s.assets));
        put('task-id', s.taskId);
        put('status', s.response !== undefined ? s.status : undefined);
        put('response', s.response);
        put('video-url', s.videoUrl);
        put('last-frame-url', s.lastFrameUrl);
        put('video-path', s.videoPath);
        put('last-frame-path', s.lastFramePath);
        put('release-asset-url', s.releaseAssetUrl);
    };
}


/***/ })

};
