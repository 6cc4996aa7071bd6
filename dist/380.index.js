export const id = 380;
export const ids = [380];
export const modules = {

/***/ 380:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  defaultAssetName: () => (/* binding */ defaultAssetName),
  findRelease: () => (/* binding */ findRelease),
  uploadToRelease: () => (/* binding */ uploadToRelease)
});

// UNUSED EXPORTS: MAX_GITHUB_ANSWER_BYTES, NO_PERMISSION_ADVICE, NO_RELEASE_MESSAGE, ReleaseError, uploadBase

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/format.ts
var format = __webpack_require__(6264);
// EXTERNAL MODULE: ./src/abort.ts
var abort = __webpack_require__(6885);
;// CONCATENATED MODULE: ./src/delivery/github-limits.ts
/**
 * The bounds of every GitHub request, as the API's have them: in time by the `request-timeout`
 * (for an upload: no progress for that long) and by the step's `timeout`, in size (an answer past
 * MAX_GITHUB_ANSWER_BYTES is stopped), and it ends at once on cancellation. They sit in the
 * fetch that octokit calls (octokit's own, which honours the runner's proxy settings).
 */


/** The most a GitHub answer may bring (a release with a long body and many assets is far less). */
const MAX_GITHUB_ANSWER_BYTES = 16 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;
/** Why we ended a GitHub request ourselves. */
class GithubStop extends Error {
    why;
    ms;
    name = 'GithubStop';
    constructor(why, ms = 0) {
        super(why === 'timeout' ? `no answer within ${(0,format/* formatDuration */.a3)(ms)}` : why === 'deadline' ? "the step's timeout ran out" : `the answer is larger than ${(0,format/* formatBytes */.z3)(MAX_GITHUB_ANSWER_BYTES)}`);
        this.why = why;
        this.ms = ms;
    }
}
/**
 * The fetch octokit calls, with the limits around it. A request with a streamed body (the
 * upload) may take as long as it keeps going: its timer restarts with every chunk GitHub
 * takes, and once all is sent the answer has `timeoutMs`. Any other request has `timeoutMs`
 * for the whole exchange. The answer is read here, within the same bounds and at most
 * MAX_GITHUB_ANSWER_BYTES (octokit would read any length, and turn a broken body into an
 * empty one), and handed to octokit whole.
 */
function bounded(base, limits) {
    const timeoutMs = limits.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const outer = limits.signal;
    return async (url, init) => {
        if (outer?.aborted)
            throw stopReason(limits);
        const left = limits.deadline === undefined ? Infinity : limits.deadline - Date.now();
        if (left <= 0)
            throw new GithubStop('deadline');
        const own = new AbortController();
        const signal = outer ? AbortSignal.any([outer, own.signal]) : own.signal;
        const deadline = Number.isFinite(left) ? setTimeout(() => own.abort(new GithubStop('deadline')), Math.min(left, abort/* MAX_TIMER_MS */._o)) : undefined;
        let idle;
        let settled = false;
        const arm = () => {
            clearTimeout(idle);
            // The body's last pull may come after the answer: no timer may outlive the request.
            if (!settled)
                idle = setTimeout(() => own.abort(new GithubStop('timeout', timeoutMs)), Math.min(timeoutMs, abort/* MAX_TIMER_MS */._o));
        };
        arm();
        let body = init.body;
        if (isAsyncIterable(body)) {
            const chunks = body;
            body = (async function* () {
                for await (const chunk of chunks) {
                    arm();
                    yield chunk;
                }
                arm();
            })();
        }
        try {
            const res = await base(url, { ...init, body, signal });
            const bytes = await readCapped(res);
            const empty = bytes.length === 0 || [204, 205, 304].includes(res.status);
            return new Response(empty ? null : bytes, { status: res.status, statusText: res.statusText, headers: res.headers });
        }
        catch (err) {
            const reason = own.signal.aborted ? own.signal.reason : outer?.aborted ? stopReason(limits) : err;
            own.abort(reason); // whatever is left of this request (a socket, a body) ends here
            throw reason;
        }
        finally {
            settled = true;
            clearTimeout(idle);
            clearTimeout(deadline);
        }
    };
}
/** A cancel is passed on as it came; the step's timeout running out is named as such. */
function stopReason(limits) {
    if (limits.deadline !== undefined && Date.now() >= limits.deadline)
        return new GithubStop('deadline');
    return limits.signal?.reason;
}
/** The whole answer, at most MAX_GITHUB_ANSWER_BYTES (decoded bytes: a compressed bomb is cut too). */
async function readCapped(res) {
    if (!res.body)
        return new Uint8Array(0);
    const reader = res.body.getReader();
    const chunks = [];
    let size = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            break;
        size += value.byteLength;
        if (size > MAX_GITHUB_ANSWER_BYTES) {
            void reader.cancel().catch(() => undefined);
            throw new GithubStop('too-large');
        }
        chunks.push(value);
    }
    return Buffer.concat(chunks);
}
function isAsyncIterable(value) {
    return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

;// CONCATENATED MODULE: ./src/delivery/release.ts
/**
 * Attaching the video to a GitHub release: the release named by `release-tag`, else the
 * one whose `release` event started the run. An asset of the same name is replaced, so
 * re-runs work. The file is streamed, never read into memory.
 *
 * Every GitHub request is bounded like the API's (github-limits.ts).
 *
 * `@actions/github` (octokit and undici) is loaded only here, on demand: most runs never
 * upload, and start-up time matters.
 */







const NO_RELEASE_MESSAGE = 'There is no release to attach the video to: run this step on a `release: published` event, or set `release-tag` to the tag of an existing release.';
const NO_PERMISSION_ADVICE = 'The github-token cannot write to releases: add "permissions: contents: write" to the job';
/** An octokit whose every request (pages of a list included) goes through `bounded`. */
async function client(token, limits) {
    const github = await __webpack_require__.e(/* import() */ 157).then(__webpack_require__.bind(__webpack_require__, 157));
    const where = repoOf(() => github.context.repo);
    const octokit = github.getOctokit(token);
    // The options are changed in place: hooks registered before this one (octokit's auth) were
    // bound to this very object, and would not see a copy.
    octokit.hook.wrap('request', (request, options) => {
        const base = options.request?.fetch ?? globalThis.fetch;
        options.request = { ...options.request, fetch: bounded(base, limits) };
        return request(options);
    });
    return { octokit, where, payload: github.context.payload };
}
/**
 * Finds the release from `tag` or the triggering `release` event, and proves the token may
 * write to it; fails in one sentence if there is no release or no permission. Called before
 * the submit, so neither is found out after the video is paid for.
 */
async function findRelease(options) {
    // An empty token was refused with the other inputs (inputs.ts), before anything was sent.
    const { octokit, where, payload } = await client(options.token, options);
    const tag = options.tag?.trim() || undefined;
    const release = tag ? await releaseByTag(octokit, where, tag, options) : releaseFromEvent(payload);
    await checkWrite(octokit, where, release, options);
    return { where, release };
}
/**
 * GitHub has no way to ask what a token may do, so try a write that changes nothing: update
 * the release with its own tag name. A token without `contents: write` gets 403 "Resource not
 * accessible by integration" here, before the submit, instead of after the video is paid for.
 */
async function checkWrite(octokit, where, release, limits) {
    try {
        await octokit.rest.repos.updateRelease({ ...where, release_id: release.id, ...(release.tag_name ? { tag_name: release.tag_name } : {}) });
    }
    catch (err) {
        if (stopOf(err) === undefined && (release_status(err) === 403 || notAccessible(err))) {
            throw new errors/* ReleaseError */.K2(`${NO_PERMISSION_ADVICE} (HTTP ${release_status(err)}: ${githubMessage(err).replace(/\.$/, '')}).`, release_status(err));
        }
        throw githubError(err, `checking that the github-token may write to release ${release.tag_name ?? release.id}`, limits);
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
/**
 * Attaches `options.file` to the release (`target`, else found as `findRelease` does). With
 * `taskId`, a failure names the saved file and the paid task, and how to collect it.
 */
async function uploadToRelease(options, target) {
    try {
        return await uploadTo(options, target ?? (await findRelease(options)));
    }
    catch (err) {
        if (!(err instanceof errors/* ReleaseError */.K2) || options.taskId === undefined)
            throw err;
        const id = options.taskId;
        throw new errors/* ReleaseError */.K2(`${err.message.replace(/\.$/, '')}. The video of task ${id} is paid for and saved at ${options.file}: once this is fixed, re-run with \`task-id: ${id}\` and \`output-path\` (instead of \`prompt\`) to collect it without paying again.`, err.status);
    }
}
async function uploadTo(options, target) {
    const { file, name, log } = options;
    const { where, release } = target;
    const { octokit } = await client(options.token, options);
    const size = (await (0,promises_.stat)(file)).size;
    const label = release.tag_name ? `release ${release.tag_name}` : `release ${release.id}`;
    log(`Uploading ${name} (${(size / 1e6).toFixed(1)} MB) to ${label} of ${where.owner}/${where.repo}.`);
    const replaced = await deleteAsset(octokit, where, release, name, options);
    let asset;
    try {
        asset = await upload(octokit, release, options, size);
    }
    catch (err) {
        // Another job uploaded the same name between our listing and our upload, or an
        // earlier upload broke off and left a half-made asset: delete it and try once more.
        if (!alreadyExists(err))
            throw githubError(err, `uploading ${name}`, options);
        log(`An asset named ${name} appeared during the upload; replacing it.`);
        await deleteAsset(octokit, where, release, name, options);
        try {
            asset = await upload(octokit, release, options, size);
        }
        catch (again) {
            throw githubError(again, `uploading ${name}`, options);
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
        throw new errors/* ReleaseError */.K2('GITHUB_REPOSITORY is not set, so the repository of the release is unknown (the release upload works only inside a GitHub Actions run).');
    }
}
function releaseFromEvent(payload) {
    const release = payload.release;
    if (!release || typeof release.id !== 'number' || typeof release.upload_url !== 'string')
        throw new errors/* ReleaseError */.K2(NO_RELEASE_MESSAGE);
    return { id: release.id, upload_url: release.upload_url, html_url: release.html_url, tag_name: release.tag_name };
}
/** The release with this tag; drafts (which the tag lookup does not see) are searched too. */
async function releaseByTag(octokit, where, tag, limits) {
    try {
        const { data } = await octokit.rest.repos.getReleaseByTag({ ...where, tag });
        return data;
    }
    catch (err) {
        if (stopOf(err) !== undefined || release_status(err) !== 404 || notAccessible(err))
            throw githubError(err, `reading release ${tag}`, limits);
    }
    try {
        for await (const { data } of octokit.paginate.iterator(octokit.rest.repos.listReleases, { ...where, per_page: 100 })) {
            const draft = data.find((r) => r.tag_name === tag);
            if (draft)
                return draft;
        }
    }
    catch (err) {
        throw githubError(err, `listing the releases of ${where.owner}/${where.repo}`, limits);
    }
    throw new errors/* ReleaseError */.K2(`No release with tag "${tag}" was found in ${where.owner}/${where.repo}: create the release first, or fix \`release-tag\`.`, 404);
}
/** Deletes the asset called `name`, if there is one. */
async function deleteAsset(octokit, where, release, name, options) {
    let assets;
    try {
        assets = await octokit.paginate(octokit.rest.repos.listReleaseAssets, { ...where, release_id: release.id, per_page: 100 });
    }
    catch (err) {
        throw githubError(err, 'listing the release assets', options);
    }
    const existing = assets.find((a) => a.name === name);
    if (!existing)
        return false;
    try {
        await octokit.rest.repos.deleteReleaseAsset({ ...where, asset_id: existing.id });
    }
    catch (err) {
        if (stopOf(err) !== undefined || release_status(err) !== 404 || notAccessible(err))
            throw githubError(err, `replacing the existing asset ${name}`, options);
    }
    options.log(`Replacing the existing asset ${name}.`);
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
    const file = (0,external_node_fs_.createReadStream)(options.file);
    async function* body() {
        for await (const chunk of file)
            yield chunk;
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
            throw new errors/* ReleaseError */.K2(`GitHub accepted ${options.name} but did not say where it can be downloaded.`);
        return { browser_download_url: url };
    }
    finally {
        file.destroy();
    }
}
function release_status(err) {
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
    const s = release_status(err);
    return (s === 403 || s === 404) && /Resource not accessible by integration/i.test(githubMessage(err));
}
function alreadyExists(err) {
    return release_status(err) === 422 && /already_exists/.test(githubMessage(err));
}
/** Our own stop of a request (octokit passes it on as the cause of its own error). */
function stopOf(err) {
    if (err instanceof GithubStop)
        return err;
    const cause = err?.cause;
    return cause instanceof GithubStop ? cause : undefined;
}
/**
 * One sentence for any failed GitHub call. A cancel is passed on as it came (the caller
 * reports it); running out of time or size is said as such.
 */
function githubError(err, doing, limits) {
    if (err instanceof errors/* ReleaseError */.K2)
        return err;
    const stop = stopOf(err);
    if (stop?.why === 'timeout')
        return new errors/* ReleaseError */.K2(`GitHub did not answer within ${(0,format/* formatDuration */.a3)(stop.ms)} (\`request-timeout\`) while ${doing}.`);
    if (stop?.why === 'deadline')
        return new errors/* ReleaseError */.K2(`GitHub had not answered while ${doing} when the step's \`timeout\` ran out.`);
    if (stop?.why === 'too-large')
        return new errors/* ReleaseError */.K2(`GitHub's answer while ${doing} was larger than ${(0,format/* formatBytes */.z3)(MAX_GITHUB_ANSWER_BYTES)}, far more than any release answer; it was stopped.`);
    if (limits.signal?.aborted)
        return limits.signal.reason;
    const s = release_status(err);
    const message = githubMessage(err).replace(/\.$/, '');
    if (notAccessible(err))
        return new errors/* ReleaseError */.K2(`${NO_PERMISSION_ADVICE} (HTTP ${s}: ${message}).`, s);
    if (!err?.response) {
        return new errors/* ReleaseError */.K2(`Could not reach the GitHub API while ${doing} (${message}).`, s);
    }
    return new errors/* ReleaseError */.K2(`GitHub answered HTTP ${s} while ${doing}: ${message}.`, s);
}


/***/ })

};
