// Types of the `qrsign` package (index.js). JSON given as a string or bytes is signed as
// written; JavaScript values are written as JSON first (bigint as its exact digits).

/** JSON text (string or bytes) or a JavaScript object / array to write as JSON. */
export type JSONInput = string | Uint8Array | Record<string, unknown> | unknown[];
/** A callback body exactly as received. */
export type CallbackBody = string | Uint8Array;
/** The merchant's secret: text (signed as its UTF-8) or bytes. */
export type Secret = string | Uint8Array;
/** The platform's order (natural), the Python SDKs' (path-bytewise), the Java/Go SDKs' (line-bytewise). */
export type SortOrder = 'natural' | 'path-bytewise' | 'line-bytewise';
/** Where a callback carried its signature. */
export type SignatureLocation = 'signature' | 'general.signature';
/** The value of a flat (Payment Page) parameter; numbers must be safe integers. */
export type FlatValue = string | number | bigint | boolean | null;
export type FlatParams = Record<string, FlatValue | undefined>;
export type Ecc = 'L' | 'M' | 'Q' | 'H';
export type RenderFormat = 'svg' | 'bitmap' | 'escpos' | 'terminal' | 'pbm-ascii' | 'pbm';

export interface SignOptions {
  sort?: SortOrder;
  /** Refuse documents whose canonical string is ambiguous (SECURITY.md): AMBIGUOUS_VALUE. */
  strict?: boolean;
}

/** Every status of include/qrsign.h (`QRSIGN_OK`, `QRSIGN_ERR_*` without the prefix). */
export declare const Status: Readonly<{
  OK: 0;
  MALFORMED_JSON: 100;
  INVALID_UTF8: 101;
  INVALID_ESCAPE: 102;
  DUPLICATE_KEY: 103;
  TOO_DEEP: 104;
  TOO_MANY_VALUES: 105;
  INPUT_TOO_LONG: 106;
  UNEXPECTED_TYPE: 107;
  FIELD_NOT_FOUND: 108;
  BUFFER_TOO_SMALL: 200;
  EMPTY_SECRET: 201;
  RESERVED_KEY: 202;
  MISSING_SIGNATURE: 203;
  INVALID_SIGNATURE_ENCODING: 204;
  SIGNATURE_MISMATCH: 205;
  AMBIGUOUS_VALUE: 206;
  UNKNOWN_CURRENCY: 300;
  INVALID_AMOUNT: 301;
  AMOUNT_OUT_OF_RANGE: 302;
  DATA_TOO_LONG: 400;
  INVALID_QR_OPTION: 401;
  MISSING_QR_DATA: 402;
  INVALID_DATA_URI: 403;
  NULL_ARGUMENT: 900;
  INVALID_ARGUMENT: 901;
  OTHER: 998;
  PANIC: 999;
}>;
export type StatusName = keyof typeof Status;

/** A failed call of the C library, with the detail its status has. */
export declare class QrsignError extends Error {
  name: 'QrsignError';
  /** The `qrsign_status` value. */
  status: number;
  /** Its name in `Status`, or 'UNKNOWN' for a status newer than this package. */
  code: StatusName | 'UNKNOWN';
  /** Byte offset of the problem in the input (JSON, UTF-8, escape, duplicate key, type, amount, data URI). */
  offset?: number;
  /** The limit exceeded (TOO_DEEP, TOO_MANY_VALUES, INPUT_TOO_LONG). */
  limit?: number;
  /** Bytes needed (BUFFER_TOO_SMALL). */
  needed?: number;
  /** AMOUNT_OUT_OF_RANGE: the amount and the allowed range, in minor units. */
  amount?: number;
  min?: number;
  max?: number;
  /** DATA_TOO_LONG: bits needed and available at the largest allowed version. */
  neededBits?: number;
  capacityBits?: number;
}

/** What `diagnose` found. */
export interface Diagnosis {
  /** True if some sort order reproduces the signature. */
  matched: boolean;
  /** Every order that reproduces it (orders giving the same canonical string all do). */
  matching: SortOrder[];
  /** The first of `matching`, or null. */
  order: SortOrder | null;
  /** Where the body carried its signature (diagnosis of a callback), else null. */
  location: SignatureLocation | null;
  /** The canonical string of `order` (the key's own order when none matched). */
  canonical: string;
}

/** The merchant's key, derived once from the secret; wiped by close() or when collected. */
export declare class Signer {
  constructor(secret: Secret, options?: SignOptions);
  readonly sort: SortOrder;
  readonly strict: boolean;
  readonly closed: boolean;
  sign(params: JSONInput): string;
  verify(params: JSONInput, signature: string | Uint8Array): boolean;
  verifyCallback(body: CallbackBody): SignatureLocation;
  signCanonical(canonical: string | Uint8Array): string;
  paymentPageUrl(params: FlatParams, options?: { base?: string }): string;
  generateQrUrl(params: FlatParams, options?: { base?: string }): string;
  gateBody(body: JSONInput): string;
  diagnose(params: JSONInput, signature?: string | Uint8Array | null): Diagnosis;
  close(): void;
  [Symbol.dispose](): void;
}

export declare function sign(params: JSONInput, secret: Secret, options?: SignOptions): string;
export declare function verify(params: JSONInput, signature: string | Uint8Array, secret: Secret, options?: SignOptions): boolean;
export declare function verifyCallback(body: CallbackBody, secret: Secret, options?: SignOptions): SignatureLocation;
export declare function canonical(params: JSONInput, options?: { sort?: SortOrder; callback?: boolean }): string;
export declare function canonicalParams(params: FlatParams, options?: { sort?: SortOrder }): string;
export declare function paymentPageUrl(params: FlatParams, secret: Secret, options?: { base?: string }): string;
export declare function generateQrUrl(params: FlatParams, secret: Secret, options?: { base?: string }): string;
export declare function gateBody(body: JSONInput, secret: Secret): string;
export declare function diagnose(params: JSONInput, signature: string | Uint8Array | null, secret: Secret, options?: { sort?: SortOrder }): Diagnosis;

export interface QrOptions {
  ecc?: Ecc;
  minVersion?: number;
  maxVersion?: number;
  /** 0..7, or null to choose the mask with the lowest penalty. */
  mask?: number | null;
  boostEcc?: boolean;
}

/** An encoded QR symbol. */
export declare class QrCode {
  readonly version: number;
  readonly size: number;
  readonly mask: number;
  readonly ecc: Ecc;
  isDark(x: number, y: number): boolean;
  readonly matrix: boolean[][];
  render(format: RenderFormat, options?: { scale?: number; border?: number; invert?: boolean }): Buffer;
  svg(options?: { scale?: number; border?: number }): string;
  png(options?: { scale?: number; border?: number }): Buffer;
  terminal(options?: { invert?: boolean; border?: number }): string;
  escpos(options?: { scale?: number; border?: number }): Buffer;
  pbm(options?: { scale?: number; border?: number }): Buffer;
}

/** Encodes text (densest mode) or bytes (byte mode) as a QR code. */
export declare function qr(data: string | Uint8Array, options?: QrOptions): QrCode;

export interface DisplayData {
  qr_data: string;
  amount: string | null;
  currency: string | null;
  receiver_name: string | null;
  receiver_account: string | null;
  bank_name: string | null;
  lifetime: number | null;
}

export declare function displayData(body: string | Uint8Array): DisplayData;
/** A field of a JSON document (`findField`): its JSON type, and its text (a string decoded,
 * anything else as its JSON text exactly as in the document). */
export interface JsonField {
  kind: 'string' | 'number' | 'true' | 'false' | 'null' | 'object' | 'array';
  text: string;
}

/** The value at `path` (`'payment.status'`, `'display_data.2.data'`) of a JSON document read
 * in place; throws QrsignError FIELD_NOT_FOUND, UNEXPECTED_TYPE, DUPLICATE_KEY, ... */
export declare function findField(json: string | Uint8Array, path: string): JsonField;
export declare function decodeImgSrc(response: string | Uint8Array): Buffer;
export declare function minorDigits(currency: string): number;
export declare function toMinorUnits(amount: string, currency: string): bigint;
export declare function checkClickQr<T extends number | bigint>(amount: T): T;

/** The library's version, "MAJOR.MINOR.PATCH". */
export declare const version: string;
/** The path of the loaded shared library. */
export declare const libraryPath: string;
export declare const ECOMMPAY_PAYMENT_PAGE: string;
export declare const JETPAY_PAYMENT_PAGE: string;
export declare const JETPAY_GENERATE_QR: string;
