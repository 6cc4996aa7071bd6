export const id = 97;
export const ids = [97];
export const modules = {

/***/ 6298:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ AbstractID3Parser)
/* harmony export */ });
/* harmony import */ var debug__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2830);
/* harmony import */ var strtok3__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4678);
/* harmony import */ var _common_BasicParser_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2065);
/* harmony import */ var _id3v1_ID3v1Parser_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2068);
/* harmony import */ var _ID3v2Parser_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2434);
/* harmony import */ var _ID3v2Token_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5350);






const debug = debug__WEBPACK_IMPORTED_MODULE_0__('music-metadata:parser:ID3');
/**
 * Abstract parser which tries take ID3v2 and ID3v1 headers.
 */
class AbstractID3Parser extends _common_BasicParser_js__WEBPACK_IMPORTED_MODULE_2__/* .BasicParser */ .s {
    static async startsWithID3v2Header(tokenizer) {
        return (await tokenizer.peekToken(_ID3v2Token_js__WEBPACK_IMPORTED_MODULE_3__/* .ID3v2Header */ .yW)).fileIdentifier === 'ID3';
    }
    id3parser = new _ID3v2Parser_js__WEBPACK_IMPORTED_MODULE_4__/* .ID3v2Parser */ .S();
    async parse() {
        try {
            await this.parseID3v2();
        }
        catch (err) {
            if (err instanceof strtok3__WEBPACK_IMPORTED_MODULE_1__/* .EndOfStreamError */ .d1) {
                debug('End-of-stream');
            }
            else {
                throw err;
            }
        }
    }
    finalize() {
        return;
    }
    async parseID3v2() {
        await this.tryReadId3v2Headers();
        debug('End of ID3v2 header, go to MPEG-parser: pos=%s', this.tokenizer.position);
        await this.postId3v2Parse();
        if (this.options.skipPostHeaders && this.metadata.hasAny()) {
            this.finalize();
        }
        else {
            const id3v1parser = new _id3v1_ID3v1Parser_js__WEBPACK_IMPORTED_MODULE_5__/* .ID3v1Parser */ .Bn(this.metadata, this.tokenizer, this.options);
            await id3v1parser.parse();
            this.finalize();
        }
    }
    async tryReadId3v2Headers() {
        const id3Header = await this.tokenizer.peekToken(_ID3v2Token_js__WEBPACK_IMPORTED_MODULE_3__/* .ID3v2Header */ .yW);
        if (id3Header.fileIdentifier === 'ID3') {
            debug('Found ID3v2 header, pos=%s', this.tokenizer.position);
            await this.id3parser.parse(this.metadata, this.tokenizer, this.options);
            return this.tryReadId3v2Headers();
        }
    }
}


/***/ }),

/***/ 7097:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MpegContentError: () => (/* reexport */ MpegContentError),
  MpegParser: () => (/* binding */ MpegParser)
});

// EXTERNAL MODULE: ./node_modules/debug/src/index.js
var src = __webpack_require__(2830);
// EXTERNAL MODULE: ./node_modules/strtok3/lib/index.js + 2 modules
var lib = __webpack_require__(4678);
// EXTERNAL MODULE: ./node_modules/music-metadata/lib/common/Util.js
var Util = __webpack_require__(5422);
// EXTERNAL MODULE: ./node_modules/music-metadata/lib/id3v2/AbstractID3Parser.js
var AbstractID3Parser = __webpack_require__(6298);
;// CONCATENATED MODULE: ./node_modules/music-metadata/lib/mpeg/AdtsFrameHeader.js

/**
 * ADTS/AAC fixed header. The remaining three bytes contain the rest of the frame length.
 * Ref: https://wiki.multimedia.cx/index.php/ADTS
 */
class AdtsFrameHeader {
    static profiles = ['AAC Main', 'AAC LC', 'AAC SSR', 'AAC LTP'];
    static samplingRates = [
        96000,
        88200,
        64000,
        48000,
        44100,
        32000,
        24000,
        22050,
        16000,
        12000,
        11025,
        8000,
        7350,
        null, // Reserved index 13
        null, // Reserved index 14
        null // Escape index 15
    ];
    static channelCounts = [undefined, 1, 2, 3, 4, 5, 6, 8];
    container;
    codec = 'AAC';
    codecProfile;
    samplingRate;
    numberOfChannels;
    frameLength;
    static matches(buf) {
        // MPEG version index 2 or 3, with layer bits 00, identifies ADTS after synchronization.
        return (buf[1] & 0x16) === 0x10;
    }
    constructor(buf) {
        this.container = `ADTS/MPEG-${Util/* isBitSet */.cD(buf, 1, 4) ? 2 : 4}`;
        this.codecProfile = AdtsFrameHeader.profiles[Util/* getBitAllignedNumber */.f5(buf, 2, 0, 2)];
        this.samplingRate = AdtsFrameHeader.samplingRates[Util/* getBitAllignedNumber */.f5(buf, 2, 2, 4)];
        this.numberOfChannels = AdtsFrameHeader.channelCounts[Util/* getBitAllignedNumber */.f5(buf, 2, 7, 3)];
        this.frameLength = Util/* getBitAllignedNumber */.f5(buf, 3, 6, 2) << 11;
    }
}

// EXTERNAL MODULE: ./node_modules/music-metadata/lib/ParseError.js
var ParseError = __webpack_require__(6325);
;// CONCATENATED MODULE: ./node_modules/music-metadata/lib/mpeg/MpegFrameHeader.js


class MpegContentError extends (0,ParseError/* makeUnexpectedFileContentError */.fO)('MPEG') {
}
/**
 * MPEG Audio Layer I/II/III frame header.
 * Bit layout: AAAAAAAA AAABBCCD EEEEFFGH IIJJKLMM
 * Ref: https://www.mp3-tech.org/programmer/frame_header.html
 */
class MpegFrameHeader {
    static len = 4;
    static versions = [2.5, null, 2, 1];
    static layers = [0, 3, 2, 1];
    static sideInfoLengths = [
        [17, 32],
        [9, 17]
    ];
    static bitrates = {
        1: { 11: 32, 12: 32, 13: 32, 21: 32, 22: 8, 23: 8 },
        2: { 11: 64, 12: 48, 13: 40, 21: 48, 22: 16, 23: 16 },
        3: { 11: 96, 12: 56, 13: 48, 21: 56, 22: 24, 23: 24 },
        4: { 11: 128, 12: 64, 13: 56, 21: 64, 22: 32, 23: 32 },
        5: { 11: 160, 12: 80, 13: 64, 21: 80, 22: 40, 23: 40 },
        6: { 11: 192, 12: 96, 13: 80, 21: 96, 22: 48, 23: 48 },
        7: { 11: 224, 12: 112, 13: 96, 21: 112, 22: 56, 23: 56 },
        8: { 11: 256, 12: 128, 13: 112, 21: 128, 22: 64, 23: 64 },
        9: { 11: 288, 12: 160, 13: 128, 21: 144, 22: 80, 23: 80 },
        10: { 11: 320, 12: 192, 13: 160, 21: 160, 22: 96, 23: 96 },
        11: { 11: 352, 12: 224, 13: 192, 21: 176, 22: 112, 23: 112 },
        12: { 11: 384, 12: 256, 13: 224, 21: 192, 22: 128, 23: 128 },
        13: { 11: 416, 12: 320, 13: 256, 21: 224, 22: 144, 23: 144 },
        14: { 11: 448, 12: 384, 13: 320, 21: 256, 22: 160, 23: 160 }
    };
    static samplingRates = {
        1: { 0: 44100, 1: 48000, 2: 32000 },
        2: { 0: 22050, 1: 24000, 2: 16000 },
        2.5: { 0: 11025, 1: 12000, 2: 8000 }
    };
    static samplesInFrameTable = [
        /* Layer   I    II   III */
        [0, 384, 1152, 1152], // MPEG-1
        [0, 384, 1152, 576] // MPEG-2/2.5
    ];
    container = 'MPEG';
    codec;
    layer;
    isProtectedByCRC;
    bitrate;
    samplingRate;
    numberOfChannels;
    samplesPerFrame;
    frameSize;
    sideInfoLength;
    constructor(buf) {
        const version = MpegFrameHeader.versions[Util/* getBitAllignedNumber */.f5(buf, 1, 3, 2)];
        if (version === null) {
            throw new MpegContentError('Cannot determine bit-rate');
        }
        this.layer = MpegFrameHeader.layers[Util/* getBitAllignedNumber */.f5(buf, 1, 5, 2)];
        this.isProtectedByCRC = !Util/* isBitSet */.cD(buf, 1, 7);
        const bitrateIndex = Util/* getBitAllignedNumber */.f5(buf, 2, 0, 4);
        const samplingRateIndex = Util/* getBitAllignedNumber */.f5(buf, 2, 4, 2);
        const padding = Util/* isBitSet */.cD(buf, 2, 6);
        this.numberOfChannels = Util/* getBitAllignedNumber */.f5(buf, 3, 0, 2) === 3 ? 1 : 2;
        this.codec = `MPEG ${version} Layer ${this.layer}`;
        const bitrate = MpegFrameHeader.bitrates[bitrateIndex]?.[10 * Math.floor(version) + this.layer];
        if (!bitrate) {
            throw new MpegContentError('Cannot determine bit-rate');
        }
        this.bitrate = bitrate * 1000;
        const samplingRate = MpegFrameHeader.samplingRates[version][samplingRateIndex];
        if (samplingRate == null) {
            throw new MpegContentError('Cannot determine sampling-rate');
        }
        this.samplingRate = samplingRate;
        this.samplesPerFrame = MpegFrameHeader.samplesInFrameTable[version === 1 ? 0 : 1][this.layer];
        const slotSize = this.layer === 1 ? 4 : 1;
        this.frameSize = Math.floor(((this.samplesPerFrame / 8) * this.bitrate) / samplingRate + (padding ? slotSize : 0));
        this.sideInfoLength =
            this.layer !== 3
                ? 2
                : MpegFrameHeader.sideInfoLengths[version === 1 ? 0 : 1][this.numberOfChannels === 1 ? 0 : 1];
    }
}

// EXTERNAL MODULE: ./node_modules/token-types/dist/lib/index.js
var dist_lib = __webpack_require__(5653);
;// CONCATENATED MODULE: ./node_modules/music-metadata/lib/mpeg/ReplayGainDataFormat.js

/**
 * https://github.com/Borewit/music-metadata/wiki/Replay-Gain-Data-Format#name-code
 */
const NameCode = {
    /**
     * not set
     */
    not_set: 0,
    /**
     * Radio Gain Adjustment
     */
    radio: 1,
    /**
     * Audiophile Gain Adjustment
     */
    audiophile: 2
};
/**
 * https://github.com/Borewit/music-metadata/wiki/Replay-Gain-Data-Format#originator-code
 */
const ReplayGainOriginator = {
    /**
     * Replay Gain unspecified
     */
    unspecified: 0,
    /**
     * Replay Gain pre-set by artist/producer/mastering engineer
     */
    engineer: 1,
    /**
     * Replay Gain set by user
     */
    user: 2,
    /**
     * Replay Gain determined automatically, as described on this site
     */
    automatic: 3,
    /**
     * Set by simple RMS average
     */
    rms_average: 4
};
/**
 * Replay Gain Data Format
 *
 * https://github.com/Borewit/music-metadata/wiki/Replay-Gain-Data-Format
 */
const ReplayGain = {
    len: 2,
    get: (buf, off) => {
        const gain_type = Util/* getBitAllignedNumber */.f5(buf, off, 0, 3);
        const sign = Util/* getBitAllignedNumber */.f5(buf, off, 6, 1);
        const gain_adj = Util/* getBitAllignedNumber */.f5(buf, off, 7, 9) / 10.0;
        if (gain_type > 0) {
            return {
                type: Util/* getBitAllignedNumber */.f5(buf, off, 0, 3),
                origin: Util/* getBitAllignedNumber */.f5(buf, off, 3, 3),
                adjustment: sign ? -gain_adj : gain_adj
            };
        }
        return undefined;
    }
};

;// CONCATENATED MODULE: ./node_modules/music-metadata/lib/mpeg/ExtendedLameHeader.js
/**
 * Extended Lame Header
 */



/**
 * Info Tag
 * @link http://gabriel.mp3-tech.org/mp3infotag.html
 * @link https://github.com/quodlibet/mutagen/blob/abd58ee58772224334a18817c3fb31103572f70e/mutagen/mp3/_util.py#L112
 */
const ExtendedLameHeader = {
    len: 27,
    get: (buf, off) => {
        const track_peak = dist_lib.UINT32_BE.get(buf, off + 2);
        return {
            revision: Util/* getBitAllignedNumber */.f5(buf, off, 0, 4),
            vbr_method: Util/* getBitAllignedNumber */.f5(buf, off, 4, 4),
            lowpass_filter: 100 * dist_lib.UINT8.get(buf, off + 1),
            track_peak: track_peak === 0 ? null : track_peak / 2 ** 23,
            track_gain: ReplayGain.get(buf, 6),
            album_gain: ReplayGain.get(buf, 8),
            music_length: dist_lib.UINT32_BE.get(buf, off + 20),
            music_crc: dist_lib.UINT8.get(buf, off + 24),
            header_crc: dist_lib.UINT16_BE.get(buf, off + 24)
        };
    }
};

;// CONCATENATED MODULE: ./node_modules/music-metadata/lib/mpeg/XingTag.js



/**
 * Info Tag: Xing, LAME
 */
const InfoTagHeaderTag = new dist_lib.StringType(4, 'ascii');
/**
 * LAME TAG value
 * Did not find any official documentation for this
 * Value e.g.: "3.98.4"
 */
const LameEncoderVersion = new dist_lib.StringType(6, 'ascii');
/**
 * Info Tag
 * Ref: http://gabriel.mp3-tech.org/mp3infotag.html
 */
const XingHeaderFlags = {
    len: 4,
    get: (buf, off) => {
        return {
            frames: Util/* isBitSet */.cD(buf, off, 31),
            bytes: Util/* isBitSet */.cD(buf, off, 30),
            toc: Util/* isBitSet */.cD(buf, off, 29),
            vbrScale: Util/* isBitSet */.cD(buf, off, 28)
        };
    }
};
// /**
//  * XING Header Tag
//  * Ref: http://gabriel.mp3-tech.org/mp3infotag.html
//  */
async function readXingHeader(tokenizer) {
    const flags = await tokenizer.readToken(XingHeaderFlags);
    const xingInfoTag = { numFrames: null, streamSize: null, vbrScale: null };
    if (flags.frames) {
        xingInfoTag.numFrames = await tokenizer.readToken(dist_lib.UINT32_BE);
    }
    if (flags.bytes) {
        xingInfoTag.streamSize = await tokenizer.readToken(dist_lib.UINT32_BE);
    }
    if (flags.toc) {
        xingInfoTag.toc = new Uint8Array(100);
        await tokenizer.readBuffer(xingInfoTag.toc);
    }
    if (flags.vbrScale) {
        xingInfoTag.vbrScale = await tokenizer.readToken(dist_lib.UINT32_BE);
    }
    const lameTag = await tokenizer.peekToken(new dist_lib.StringType(4, 'ascii'));
    if (lameTag === 'LAME') {
        await tokenizer.ignore(4);
        xingInfoTag.lame = {
            version: await tokenizer.readToken(new dist_lib.StringType(5, 'ascii'))
        };
        const match = xingInfoTag.lame.version.match(/\d+.\d+/g);
        if (match !== null) {
            const majorMinorVersion = match[0]; // e.g. 3.97
            const version = majorMinorVersion.split('.').map(n => Number.parseInt(n, 10));
            if (version[0] >= 3 && version[1] >= 90) {
                xingInfoTag.lame.extended = await tokenizer.readToken(ExtendedLameHeader);
            }
        }
    }
    return xingInfoTag;
}

;// CONCATENATED MODULE: ./node_modules/music-metadata/lib/mpeg/MpegParser.js







const debug = src('music-metadata:parser:mpeg');

/**
 * Cache buffer size used for searching synchronization preamble
 */
const maxPeekLen = 1024;
function getVbrCodecProfile(vbrScale) {
    return `V${Math.floor((100 - vbrScale) / 10)}`;
}
class MpegParser extends AbstractID3Parser/* AbstractID3Parser */.k {
    frameCount = 0;
    syncFrameCount = -1;
    totalDataLength = 0;
    audioFrameHeader;
    firstBitrate;
    constantBitrate = true;
    offset = 0;
    frameSize = 0;
    calculateEofDuration = false;
    samplesPerFrame = null;
    frameHeaderBuffer = new Uint8Array(MpegFrameHeader.len);
    frameHeaderTail = this.frameHeaderBuffer.subarray(1);
    adtsHeaderBuffer = new Uint8Array(3);
    sideInfoBuffer = new Uint8Array(32); // Maximum side information size (MPEG-1 stereo).
    /**
     * Number of bytes already parsed since beginning of stream / file
     */
    mpegOffset = null;
    syncPeek = {
        buf: new Uint8Array(maxPeekLen),
        len: 0
    };
    /**
     * Called after ID3 headers have been parsed
     */
    async postId3v2Parse() {
        this.metadata.setFormat('lossless', false);
        this.metadata.setAudioOnly();
        try {
            let quit = false;
            while (!quit) {
                await this.sync();
                quit = await this.parseFrameHeader();
            }
        }
        catch (err) {
            if (err instanceof lib/* EndOfStreamError */.d1) {
                debug('End-of-stream');
                if (this.calculateEofDuration) {
                    if (this.samplesPerFrame !== null) {
                        const numberOfSamples = this.frameCount * this.samplesPerFrame;
                        this.metadata.setFormat('numberOfSamples', numberOfSamples);
                        if (this.metadata.format.sampleRate) {
                            const duration = numberOfSamples / this.metadata.format.sampleRate;
                            debug(`Calculate duration at EOF: ${duration} sec.`, duration);
                            this.metadata.setFormat('duration', duration);
                        }
                    }
                }
            }
            else {
                throw err;
            }
        }
    }
    /**
     * Called after file has been fully parsed, this allows, if present, to exclude the ID3v1.1 header length
     */
    finalize() {
        const format = this.metadata.format;
        const hasID3v1 = !!this.metadata.native.ID3v1;
        if (this.mpegOffset !== null) {
            if (format.duration && this.tokenizer.fileInfo.size) {
                const mpegSize = this.tokenizer.fileInfo.size - this.mpegOffset - (hasID3v1 ? 128 : 0);
                if (format.codecProfile && format.codecProfile[0] === 'V') {
                    this.metadata.setFormat('bitrate', (mpegSize * 8) / format.duration);
                }
            }
            if (this.tokenizer.fileInfo.size && format.codecProfile === 'CBR') {
                const mpegSize = this.tokenizer.fileInfo.size - this.mpegOffset - (hasID3v1 ? 128 : 0);
                if (this.samplesPerFrame !== null) {
                    const numberOfSamples = Math.round(mpegSize / this.frameSize) * this.samplesPerFrame;
                    this.metadata.setFormat('numberOfSamples', numberOfSamples);
                    if (format.sampleRate && !format.duration) {
                        const duration = numberOfSamples / format.sampleRate;
                        debug('Calculate CBR duration based on file size: %s', duration);
                        this.metadata.setFormat('duration', duration);
                    }
                }
            }
        }
    }
    async sync() {
        let gotFirstSync = false;
        while (true) {
            let bo = 0;
            this.syncPeek.len = await this.tokenizer.peekBuffer(this.syncPeek.buf, { length: maxPeekLen, mayBeLess: true });
            if (this.syncPeek.len <= 163) {
                throw new lib/* EndOfStreamError */.d1();
            }
            while (true) {
                if (gotFirstSync && (this.syncPeek.buf[bo] & 0xe0) === 0xe0) {
                    this.frameHeaderBuffer[0] = 0xff;
                    this.frameHeaderBuffer[1] = this.syncPeek.buf[bo];
                    await this.tokenizer.ignore(bo);
                    debug(`Sync at offset=${this.tokenizer.position - 1}, frameCount=${this.frameCount}`);
                    if (this.syncFrameCount === this.frameCount) {
                        debug(`Re-synced MPEG stream, frameCount=${this.frameCount}`);
                        this.frameCount = 0;
                        this.frameSize = 0;
                    }
                    this.syncFrameCount = this.frameCount;
                    return; // sync
                }
                gotFirstSync = false;
                bo = this.syncPeek.buf.indexOf(0xff, bo);
                if (bo === -1) {
                    if (this.syncPeek.len < this.syncPeek.buf.length) {
                        throw new lib/* EndOfStreamError */.d1();
                    }
                    await this.tokenizer.ignore(this.syncPeek.len);
                    break; // continue with next buffer
                }
                ++bo;
                gotFirstSync = true;
            }
        }
    }
    /**
     * Read the shared four-byte prefix, then dispatch to ADTS or MPEG audio.
     * @return {Promise<boolean>} true if parser should quit
     */
    async parseFrameHeader() {
        if (this.frameCount === 0) {
            this.mpegOffset = this.tokenizer.position - 1;
        }
        await this.tokenizer.peekBuffer(this.frameHeaderTail, { length: 3 });
        let header;
        try {
            header = AdtsFrameHeader.matches(this.frameHeaderBuffer)
                ? new AdtsFrameHeader(this.frameHeaderBuffer)
                : new MpegFrameHeader(this.frameHeaderBuffer);
        }
        catch (err) {
            await this.tokenizer.ignore(1);
            if (err instanceof Error) {
                this.metadata.addWarning(`Parse error: ${err.message}`);
                return false; // sync
            }
            throw err;
        }
        await this.tokenizer.ignore(3);
        this.metadata.setFormat('container', header.container);
        this.metadata.setFormat('codec', header.codec);
        this.metadata.setFormat('lossless', false);
        this.metadata.setFormat('sampleRate', header.samplingRate);
        this.frameCount++;
        return header instanceof AdtsFrameHeader ? this.parseAdts(header) : this.parseMpegFrame(header);
    }
    /**
     * @return {Promise<boolean>} true if parser should quit
     */
    async parseMpegFrame(header) {
        this.metadata.setFormat('numberOfChannels', header.numberOfChannels);
        this.metadata.setFormat('bitrate', header.bitrate);
        if (this.frameCount < 20 * 10000) {
            debug('offset=%s MP%s bitrate=%s sample-rate=%s', this.tokenizer.position - 4, header.layer, header.bitrate, header.samplingRate);
        }
        this.frameSize = header.frameSize;
        this.audioFrameHeader = header;
        this.firstBitrate ??= header.bitrate;
        this.constantBitrate &&= header.bitrate === this.firstBitrate;
        // Xing/Info keeps the same offset even when CRC-protected: header + side information.
        // Its first-frame CRC is included in the skipped bytes; later frames skip CRC separately.
        // Ref: https://github.com/rbrito/lame/blob/master/libmp3lame/VbrTag.c#L866-L874
        if (this.frameCount === 1) {
            this.offset = MpegFrameHeader.len;
            await this.skipSideInformation();
            return false;
        }
        if (this.frameCount === 4) {
            // Treat the stream as CBR if all observed MPEG bitrates match.
            if (this.constantBitrate) {
                // Actual calculation will be done in finalize
                this.samplesPerFrame = header.samplesPerFrame;
                this.metadata.setFormat('codecProfile', 'CBR');
                if (this.tokenizer.fileInfo.size) {
                    return true; // Will calculate duration based on the file size
                }
            }
            else if (this.metadata.format.duration) {
                return true; // We already got the duration, stop processing MPEG stream any further
            }
            if (!this.options.duration) {
                return true; // Enforce duration not enabled, stop processing entire stream
            }
        }
        // Count the remaining frames when a full duration scan is requested.
        if (this.options.duration && this.frameCount === 4) {
            this.samplesPerFrame = header.samplesPerFrame;
            this.calculateEofDuration = true;
        }
        this.offset = MpegFrameHeader.len;
        if (header.isProtectedByCRC) {
            await this.tokenizer.ignore(2);
            this.offset += 2;
        }
        await this.skipSideInformation();
        return false;
    }
    async parseAdts(header) {
        await this.tokenizer.readBuffer(this.adtsHeaderBuffer);
        const frameLength = header.frameLength + Util/* getBitAllignedNumber */.f5(this.adtsHeaderBuffer, 0, 0, 11);
        this.totalDataLength += frameLength;
        this.samplesPerFrame = 1024;
        if (header.samplingRate !== null) {
            const framesPerSec = header.samplingRate / this.samplesPerFrame;
            const bytesPerFrame = this.totalDataLength / this.frameCount;
            const bitrate = 8 * bytesPerFrame * framesPerSec + 0.5;
            this.metadata.setFormat('bitrate', bitrate);
            debug(`frame-count=${this.frameCount}, size=${frameLength} bytes, bit-rate=${bitrate}`);
        }
        await this.tokenizer.ignore(frameLength > 7 ? frameLength - 7 : 1);
        // Consume remaining header and frame data
        if (this.frameCount === 3) {
            this.metadata.setFormat('codecProfile', header.codecProfile);
            if (header.numberOfChannels) {
                this.metadata.setFormat('numberOfChannels', header.numberOfChannels);
            }
            if (this.options.duration) {
                this.calculateEofDuration = true;
            }
            else {
                return true; // Stop parsing after the third frame
            }
        }
        return false;
    }
    async skipSideInformation() {
        if (this.audioFrameHeader) {
            const sideInfoLength = this.audioFrameHeader.sideInfoLength;
            await this.tokenizer.readBuffer(this.sideInfoBuffer, { length: sideInfoLength });
            this.offset += sideInfoLength;
            await this.readXtraInfoHeader();
        }
    }
    async readXtraInfoHeader() {
        const headerTag = await this.tokenizer.readToken(InfoTagHeaderTag);
        this.offset += InfoTagHeaderTag.len;
        switch (headerTag) {
            case 'Info':
                this.metadata.setFormat('codecProfile', 'CBR');
                return this.readXingInfoHeader();
            case 'Xing': {
                const infoTag = await this.readXingInfoHeader();
                if (infoTag.vbrScale !== null) {
                    const codecProfile = getVbrCodecProfile(infoTag.vbrScale);
                    this.metadata.setFormat('codecProfile', codecProfile);
                }
                return null;
            }
            case 'Xtra':
                // ToDo: ???
                break;
            case 'LAME': {
                const version = await this.tokenizer.readToken(LameEncoderVersion);
                if (this.frameSize >= this.offset + LameEncoderVersion.len) {
                    this.offset += LameEncoderVersion.len;
                    this.metadata.setFormat('tool', `LAME ${version}`);
                    await this.skipFrameData(this.frameSize - this.offset);
                    return null;
                }
                this.metadata.addWarning('Corrupt LAME header');
                break;
            }
            // ToDo: ???
        }
        const frameDataLeft = this.frameSize - this.offset;
        if (frameDataLeft < 0) {
            this.metadata.addWarning(`Frame ${this.frameCount}corrupt: negative frameDataLeft`);
        }
        else {
            await this.skipFrameData(frameDataLeft);
        }
        return null;
    }
    /**
     * Ref: http://gabriel.mp3-tech.org/mp3infotag.html
     */
    async readXingInfoHeader() {
        const offset = this.tokenizer.position;
        const infoTag = await readXingHeader(this.tokenizer);
        this.offset += this.tokenizer.position - offset;
        if (infoTag.lame) {
            this.metadata.setFormat('tool', `LAME ${Util/* stripNulls */.F6(infoTag.lame.version)}`);
            if (infoTag.lame.extended) {
                this.metadata.setFormat('trackPeakLevel', infoTag.lame.extended.track_peak);
                if (infoTag.lame.extended.track_gain) {
                    this.metadata.setFormat('trackGain', infoTag.lame.extended.track_gain.adjustment);
                }
                if (infoTag.lame.extended.album_gain) {
                    this.metadata.setFormat('albumGain', infoTag.lame.extended.album_gain.adjustment);
                }
                this.metadata.setFormat('duration', infoTag.lame.extended.music_length / 1000);
            }
        }
        if (infoTag.streamSize && this.audioFrameHeader && infoTag.numFrames !== null) {
            const duration = (infoTag.numFrames * this.audioFrameHeader.samplesPerFrame) / this.audioFrameHeader.samplingRate;
            this.metadata.setFormat('duration', duration);
            debug('Get duration from Xing header: %s', this.metadata.format.duration);
            return infoTag;
        }
        // frames field is not present
        const frameDataLeft = this.frameSize - this.offset;
        await this.skipFrameData(frameDataLeft);
        return infoTag;
    }
    async skipFrameData(frameDataLeft) {
        if (frameDataLeft < 0) {
            throw new MpegContentError('frame-data-left cannot be negative');
        }
        await this.tokenizer.ignore(frameDataLeft);
    }
}


/***/ })

};
