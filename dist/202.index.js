export const id = 202;
export const ids = [202];
export const modules = {

/***/ 8820:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ flatMemory)
/* harmony export */ });
/* harmony import */ var node_v8__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8877);
/* harmony import */ var node_v8__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_v8__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_vm__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(714);
/* harmony import */ var node_vm__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_vm__WEBPACK_IMPORTED_MODULE_1__);
/** Keeping the memory of large streamed transfers (download, release upload) flat. */


/**
 * Every socket read allocates a fresh 64 KB buffer. V8 collects those only when tens of MB
 * of them have piled up, which alone would lift the process's peak RSS by ~35 MB on a
 * large video. A young-generation collection every few MB keeps it flat at a cost of well
 * under 1% of the transfer time. `--expose-gc` set at run time exposes `gc` only to new
 * contexts (the same technique jest's leak detector uses); if that fails, nothing is done.
 */
const GC_EVERY_BYTES = 1024 * 1024;
let collect;
function exposedGc() {
    if (collect === undefined) {
        try {
            node_v8__WEBPACK_IMPORTED_MODULE_0___default().setFlagsFromString('--expose-gc');
            const fn = node_vm__WEBPACK_IMPORTED_MODULE_1___default().runInNewContext('gc');
            collect = typeof fn === 'function' ? fn : null;
        }
        catch {
            collect = null;
        }
    }
    return collect;
}
/**
 * A counter to call with the size of each chunk that passes through a large transfer;
 * it keeps the garbage of finished chunks from piling up (see above). Also used by the
 * release upload.
 */
function flatMemory() {
    let sinceLast = 0;
    return (bytes) => {
        sinceLast += bytes;
        if (sinceLast < GC_EVERY_BYTES)
            return;
        sinceLast = 0;
        exposedGc()?.({ type: 'minor' });
    };
}


/***/ }),

/***/ 4202:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   defaultAssetName: () => (/* binding */ defaultAssetName),
/* harmony export */   findRelease: () => (/* binding */ findRelease),
/* harmony export */   uploadToRelease: () => (/* binding */ uploadToRelease)
/* harmony export */ });
/* unused harmony exports ReleaseError, NO_RELEASE_MESSAGE, NO_PERMISSION_ADVICE, uploadBase */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _memory_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8820);
/**
 * Attaching the video to a GitHub release: the release named by `release-tag`, else the
 * one whose `release` event started the run. An asset of the same name is replaced, so
 * re-runs work. The file is streamed, never read into memory.
 *
 * `@actions/github` (octokit and undici) is loaded only here, on demand: most runs never
 * upload, and start-up time matters.
 */



/** A release upload that failed; the message is one sentence for the step's log. */
class ReleaseError extends Error {
    status;
    name = 'ReleaseError';
    constructor(message, status) {
        super(message);
        this.status = status;
    }
}
const NO_RELEASE_MESSAGE = 'There is no release to attach the video to: run this step on a `release: published` event, or set `release-tag` to the tag of an existing release.';
const NO_PERMISSION_ADVICE = 'The github-token cannot write to releases: add "permissions: contents: write" to the job';
/**
 * Finds the release from `tag` or the triggering `release` event, and proves the token may
 * write to it; fails in one sentence if there is no release or no permission. Called before
 * the submit, so neither is found out after the video is paid for.
 */
async function findRelease(options) {
    // An empty token was refused with the other inputs (inputs.ts), before anything was sent.
    const github = await __webpack_require__.e(/* import() */ 157).then(__webpack_require__.bind(__webpack_require__, 157));
    const where = repoOf(() => github.context.repo);
    const octokit = github.getOctokit(options.token);
    const tag = options.tag?.trim() || undefined;
    const release = tag ? await releaseByTag(octokit, where, tag) : releaseFromEvent(github.context.payload);
    await checkWrite(octokit, where, release);
    return { octokit, where, release };
}
/**
 * GitHub has no way to ask what a token may do, so try a write that changes nothing: update
 * the release with its own tag name. A token without `contents: write` gets 403 "Resource not
 * accessible by integration" here, before the submit, instead of after the video is paid for.
 */
async function checkWrite(octokit, where, release) {
    try {
        await octokit.rest.repos.updateRelease({ ...where, release_id: release.id, ...(release.tag_name ? { tag_name: release.tag_name } : {}) });
    }
    catch (err) {
        if (status(err) === 403 || notAccessible(err))
            throw new ReleaseError(`${NO_PERMISSION_ADVICE} (HTTP ${status(err)}: ${githubMessage(err).replace(/\.$/, '')}).`, status(err));
        throw githubError(err, `checking that the github-token may write to release ${release.tag_name ?? release.id}`);
    }
}
/**
 * The asset name when `release-asset-name` is empty: the file name the user chose with
 * `output-path`, else (the file is named after the task, which differs on every run)
 * `<repo>-<tag>.mp4`, so a re-run replaces the asset instead of adding one.
 */
function defaultAssetName(target, savedFile, taskFile) {
    const file = savedFile.split(/[\\/]/).pop() ?? '';
    if (file !== '' && file !== taskFile)
        return file;
    const tag = target.release.tag_name ?? String(target.release.id);
    return `${target.where.repo}-${tag}.mp4`.replace(/[^\w.-]+/g, '-');
}
async function uploadToRelease(options, target) {
    try {
        return await uploadTo(options, target ?? (await findRelease(options)));
    }
    catch (err) {
        if (!(err instanceof ReleaseError) || options.taskId === undefined)
            throw err;
        const id = options.taskId;
        throw new ReleaseError(`${err.message.replace(/\.$/, '')}. The video is paid for: once this is fixed, re-run with \`task-id: ${id}\` and \`output-path\` (instead of \`prompt\`) to collect task ${id} without paying again.`, err.status);
    }
}
async function uploadTo(options, target) {
    const { file, name, log } = options;
    const { octokit, where, release } = target;
    const size = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(file)).size;
    const label = release.tag_name ? `release ${release.tag_name}` : `release ${release.id}`;
    log(`Uploading ${name} (${(size / 1e6).toFixed(1)} MB) to ${label} of ${where.owner}/${where.repo}.`);
    const replaced = await deleteAsset(octokit, where, release, name, log);
    let asset;
    try {
        asset = await upload(octokit, release, options, size);
    }
    catch (err) {
        // Another job uploaded the same name between our listing and our upload, or an
        // earlier upload broke off and left a half-made asset: delete it and try once more.
        if (!alreadyExists(err))
            throw githubError(err, `uploading ${name}`);
        log(`An asset named ${name} appeared during the upload; replacing it.`);
        await deleteAsset(octokit, where, release, name, log);
        try {
            asset = await upload(octokit, release, options, size);
        }
        catch (again) {
            throw githubError(again, `uploading ${name}`);
        }
    }
    return { url: asset.browser_download_url, releaseUrl: release.html_url, replaced };
}
/** `{{ upload_url }}` without its `{?name,label}` template. */
function uploadBase(uploadUrl) {
    return uploadUrl.replace(/\{[^}]*\}\s*$/, '');
}
function repoOf(read) {
    try {
        return read();
    }
    catch {
        throw new ReleaseError('GITHUB_REPOSITORY is not set, so the repository of the release is unknown (the release upload works only inside a GitHub Actions run).');
    }
}
function releaseFromEvent(payload) {
    const release = payload.release;
    if (!release || typeof release.id !== 'number' || typeof release.upload_url !== 'string')
        throw new ReleaseError(NO_RELEASE_MESSAGE);
    return { id: release.id, upload_url: release.upload_url, html_url: release.html_url, tag_name: release.tag_name };
}
/** The release with this tag; drafts (which the tag lookup does not see) are searched too. */
async function releaseByTag(octokit, where, tag) {
    try {
        const { data } = await octokit.rest.repos.getReleaseByTag({ ...where, tag });
        return data;
    }
    catch (err) {
        if (status(err) !== 404 || notAccessible(err))
            throw githubError(err, `reading release ${tag}`);
    }
    try {
        for await (const { data } of octokit.paginate.iterator(octokit.rest.repos.listReleases, { ...where, per_page: 100 })) {
            const draft = data.find((r) => r.tag_name === tag);
            if (draft)
                return draft;
        }
    }
    catch (err) {
        throw githubError(err, `listing the releases of ${where.owner}/${where.repo}`);
    }
    throw new ReleaseError(`No release with tag "${tag}" was found in ${where.owner}/${where.repo}: create the release first, or fix \`release-tag\`.`, 404);
}
/** Deletes the asset called `name`, if there is one. */
async function deleteAsset(octokit, where, release, name, log) {
    let assets;
    try {
        assets = await octokit.paginate(octokit.rest.repos.listReleaseAssets, { ...where, release_id: release.id, per_page: 100 });
    }
    catch (err) {
        throw githubError(err, 'listing the release assets');
    }
    const existing = assets.find((a) => a.name === name);
    if (!existing)
        return false;
    try {
        await octokit.rest.repos.deleteReleaseAsset({ ...where, asset_id: existing.id });
    }
    catch (err) {
        if (status(err) !== 404 || notAccessible(err))
            throw githubError(err, `replacing the existing asset ${name}`);
    }
    log(`Replacing the existing asset ${name}.`);
    return true;
}
/**
 * POST to the release's upload URL with the file as a stream. Octokit's fetch (undici) sends
 * a stream body with `duplex: 'half'`, but by default it also clones the request to be able
 * to follow redirects, and that clone tees the body: every chunk would stay in memory until
 * the upload ends (nodejs/undici#4058). `redirect: 'error'` with `window: null` is the
 * fetch standard's path without the clone, so the file really streams.
 */
async function upload(octokit, release, options, size) {
    const file = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.createReadStream)(options.file);
    const memory = (0,_memory_js__WEBPACK_IMPORTED_MODULE_2__/* .flatMemory */ .d)();
    async function* body() {
        for await (const chunk of file) {
            memory(chunk.length);
            yield chunk;
        }
    }
    const baseFetch = octokit.request.endpoint.DEFAULTS.request?.fetch ?? globalThis.fetch;
    const streamingFetch = (url, init) => baseFetch(url, { ...init, redirect: 'error', window: null });
    try {
        const { data } = await octokit.request({
            method: 'POST',
            url: `${uploadBase(release.upload_url)}{?name}`,
            name: options.name,
            headers: { 'content-type': options.contentType, 'content-length': size },
            data: body(),
            request: { fetch: streamingFetch }
        });
        const url = data.browser_download_url;
        if (typeof url !== 'string')
            throw new ReleaseError(`GitHub accepted ${options.name} but did not say where it can be downloaded.`);
        return { browser_download_url: url };
    }
    finally {
        file.destroy();
    }
}
function status(err) {
    const s = err?.status;
    return typeof s === 'number' ? s : undefined;
}
function githubMessage(err) {
    const data = err?.response?.data;
    if (data && typeof data === 'object' && typeof data.message === 'string') {
        const { message, errors } = data;
        const codes = Array.isArray(errors) ? errors.map((e) => (e && typeof e === 'object' ? e.code : undefined)).filter((c) => typeof c === 'string') : [];
        return codes.length ? `${message} (${codes.join(', ')})` : message;
    }
    if (typeof data === 'string' && data.trim())
        return data.trim().slice(0, 200);
    return err instanceof Error ? err.message : String(err);
}
function notAccessible(err) {
    const s = status(err);
    return (s === 403 || s === 404) && /Resource not accessible by integration/i.test(githubMessage(err));
}
function alreadyExists(err) {
    return status(err) === 422 && /already_exists/.test(githubMessage(err));
}
/** One sentence for any failed GitHub call. */
function githubError(err, doing) {
    if (err instanceof ReleaseError)
        return err;
    const s = status(err);
    const message = githubMessage(err).replace(/\.$/, '');
    if (notAccessible(err))
        return new ReleaseError(`${NO_PERMISSION_ADVICE} (HTTP ${s}: ${message}).`, s);
    if (!err?.response) {
        return new ReleaseError(`Could not reach the GitHub API while ${doing} (${message}).`, s);
    }
    return new ReleaseError(`GitHub answered HTTP ${s} while ${doing}: ${message}.`, s);
}


/***/ })

};
