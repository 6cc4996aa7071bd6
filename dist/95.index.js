export const id = 95;
export const ids = [95];
export const modules = {

/***/ 6095:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   renderBatchSummary: () => (/* binding */ renderBatchSummary)
/* harmony export */ });
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6264);
/* harmony import */ var _video_bill_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8786);
/* harmony import */ var _video_estimate_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9453);
/* harmony import */ var _batch_shard_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(295);
/* harmony import */ var _video_shard_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6799);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6962);






function renderBatchSummary(r) {
    const done = r.entries.filter((e) => e.status === 'succeeded' && e.error === undefined).length;
    const batch = r.shard ? `Seedance batch, shard ${(0,_video_shard_js__WEBPACK_IMPORTED_MODULE_4__/* .shardLabel */ .$_)(r.shard)}` : 'Seedance batch';
    const empty = r.shard !== undefined && r.entries.length === 0;
    const title = empty ? `${batch}: no entries` : r.dryRun ? `${batch}: dry run of ${r.entries.length} videos` : `${batch}: ${done} of ${r.entries.length} videos succeeded`;
    const out = [`## ${title}`, ''];
    if (r.shard)
        out.push((0,_batch_shard_js__WEBPACK_IMPORTED_MODULE_3__/* .shardSummaryLine */ .Fb)(r.shard, r.entries.length), '');
    if (r.error)
        out.push(`> **Error:** ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_5__/* .cell */ .Hn)(r.error)}`, '');
    if (!r.dryRun && !empty) {
        // The release column only when something was attached: an always-empty column says nothing.
        const released = r.entries.some((e) => e.releaseAssetUrl);
        const heads = ['entry', 'status', 'estimated tokens', 'tokens', 'queued', 'running', 'video', 'saved to', ...(released ? ['release asset'] : []), 'last frame'];
        out.push(`| ${heads.join(' | ')} |`, `|${heads.map(() => '---').join('|')}|`);
        for (const e of r.entries) {
            const status = `${_summary_js__WEBPACK_IMPORTED_MODULE_5__/* .ICON */ .kb[e.status ?? ''] ?? ''} ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_5__/* .cell */ .Hn)(e.status ?? 'not submitted')}${e.error ? `: ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_5__/* .cell */ .Hn)(e.error.slice(0, 200))}` : ''}`.trim();
            const cols = [
                `${(0,_summary_js__WEBPACK_IMPORTED_MODULE_5__/* .cell */ .Hn)(e.name)}${e.taskId ? `<br>\`${(0,_summary_js__WEBPACK_IMPORTED_MODULE_5__/* .cell */ .Hn)(e.taskId)}\`` : ''}`,
                status,
                e.estimatedTokens !== undefined ? (0,_video_estimate_js__WEBPACK_IMPORTED_MODULE_2__/* .formatTokens */ ._y)(e.estimatedTokens) : '',
                e.tokens !== undefined ? (0,_video_estimate_js__WEBPACK_IMPORTED_MODULE_2__/* .formatTokens */ ._y)(e.tokens) : '',
                e.timings?.queued !== undefined ? (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(e.timings.queued) : '',
                e.timings?.running !== undefined ? (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(e.timings.running) : '',
                e.videoUrl ? (0,_summary_js__WEBPACK_IMPORTED_MODULE_5__/* .link */ .nf)('download', e.videoUrl) : '',
                e.videoPath ? `\`${(0,_summary_js__WEBPACK_IMPORTED_MODULE_5__/* .cell */ .Hn)(e.videoPath)}\`` : '',
                ...(released ? [e.releaseAssetUrl ? (0,_summary_js__WEBPACK_IMPORTED_MODULE_5__/* .link */ .nf)(e.releaseAssetUrl.split('/').pop() ?? 'video', e.releaseAssetUrl) : ''] : []),
                e.lastFrameUrl && (0,_summary_js__WEBPACK_IMPORTED_MODULE_5__/* .isLinkable */ .n1)(e.lastFrameUrl) ? `<img src="${(0,_summary_js__WEBPACK_IMPORTED_MODULE_5__/* .attr */ .CF)(e.lastFrameUrl)}" alt="last frame of ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_5__/* .cell */ .Hn)(e.name)}" width="120">` : ''
            ];
            out.push(`| ${cols.join(' | ')} |`);
        }
        out.push(totalRow(r, heads.length));
        out.push('');
        if (r.entries.some((e) => e.videoUrl))
            out.push('Video links are valid for about 24 hours.', '');
    }
    else if (!empty) {
        out.push('| entry | estimated tokens |', '|---|---|', ...r.entries.map((e) => `| ${(0,_summary_js__WEBPACK_IMPORTED_MODULE_5__/* .cell */ .Hn)(e.name)} | ${(0,_video_estimate_js__WEBPACK_IMPORTED_MODULE_2__/* .formatTokens */ ._y)(e.estimatedTokens ?? 0)} |`), totalRow(r, 2), '');
    }
    r.entries.forEach((e, i) => {
        const q = r.requests[i];
        if (q)
            out.push(...(0,_summary_js__WEBPACK_IMPORTED_MODULE_5__/* .requestDetails */ ._c)(q, `${e.name}: settings`, r.locals?.[i]));
    });
    if (r.next && r.next.length > 0)
        out.push('**Next:**', '', ...r.next.map((n) => `- ${n}`), '');
    return out.join('\n');
}
/** The table's last row: the estimated total and, when the API reported any, the tokens used. */
function totalRow(r, columns) {
    const estimated = (0,_video_estimate_js__WEBPACK_IMPORTED_MODULE_2__/* .tokensText */ .c$)({ tokens: r.entries.reduce((sum, e) => sum + (e.estimatedTokens ?? 0), 0), atLeast: r.estimateAtLeast === true });
    const used = (0,_video_bill_js__WEBPACK_IMPORTED_MODULE_1__.reportedTotal)(r.entries.map((e) => e.tokens));
    const cols = ['**total**', r.dryRun ? `**${estimated}**` : '', ...(r.dryRun ? [] : [`**${estimated}**`, used === undefined ? '' : `**${(0,_video_estimate_js__WEBPACK_IMPORTED_MODULE_2__/* .formatTokens */ ._y)(used)} tokens**`])];
    while (cols.length < columns)
        cols.push('');
    return `| ${cols.join(' | ')} |`;
}


/***/ })

};
