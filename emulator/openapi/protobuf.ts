// The two protobuf messages of wx-server-sdk's `wx.openApi` call, by their field numbers in the
// SDK's own schema (node_modules/wx-server-sdk/index.js, src/protobuf/openapi.js): the request
// `CommApiData { apiType=1; openapiData=2 { pairs=1 { key=1; value=2 } }; appid=6 }` and the answer
// `CommOpenApiResp { respData=1; contentType=2; errorCode=3; httpCode=4 }`.

export interface OpenApiRequest {
  apiType: number;
  appid: string;
  /** Parameters by name; each value is the JSON text of the parameter (or raw media bytes). */
  params: Map<string, Buffer>;
}

type Field = { number: number; varint?: number; bytes?: Buffer };

function* fields(buffer: Buffer): Generator<Field> {
  let offset = 0;
  const varint = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (offset >= buffer.length) throw new Error('truncated protobuf');
      const byte = buffer[offset++];
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
      shift += 7;
    }
  };
  while (offset < buffer.length) {
    const key = varint();
    const number = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) yield { number, varint: varint() };
    else if (wire === 2) {
      const length = varint();
      if (offset + length > buffer.length) throw new Error('truncated protobuf');
      yield { number, bytes: buffer.subarray(offset, offset + length) };
      offset += length;
    } else if (wire === 1) offset += 8;
    else if (wire === 5) offset += 4;
    else throw new Error(`unsupported protobuf wire type ${wire}`);
  }
}

export function decodeOpenApiRequest(buffer: Buffer): OpenApiRequest {
  const request: OpenApiRequest = { apiType: 0, appid: '', params: new Map() };
  for (const field of fields(buffer)) {
    if (field.number === 1 && field.varint !== undefined) request.apiType = field.varint;
    else if (field.number === 6 && field.bytes) request.appid = field.bytes.toString('utf8');
    else if (field.number === 2 && field.bytes) {
      for (const pair of fields(field.bytes)) {
        if (pair.number !== 1 || !pair.bytes) continue;
        let key = '';
        let value = Buffer.alloc(0);
        for (const part of fields(pair.bytes)) {
          if (part.number === 1 && part.bytes) key = part.bytes.toString('utf8');
          else if (part.number === 2 && part.bytes) value = Buffer.from(part.bytes);
        }
        request.params.set(key, value);
      }
    }
  }
  return request;
}

export interface OpenApiResponse {
  respData: Buffer;
  contentType: string;
  /** A platform-level failure (not an API errcode, which travels inside respData). */
  errorCode?: number;
}

export function encodeOpenApiResponse(response: OpenApiResponse): Buffer {
  const parts: Buffer[] = [lengthDelimited(1, response.respData), lengthDelimited(2, Buffer.from(response.contentType, 'utf8'))];
  if (response.errorCode) parts.push(varintField(3, response.errorCode));
  parts.push(varintField(4, 200));
  return Buffer.concat(parts);
}

function encodeVarint(value: number): Buffer {
  // int32 negatives are ten-byte two's complement in protobuf.
  let big = BigInt.asUintN(64, BigInt(value));
  const bytes: number[] = [];
  do {
    let byte = Number(big & 0x7fn);
    big >>= 7n;
    if (big > 0n) byte |= 0x80;
    bytes.push(byte);
  } while (big > 0n);
  return Buffer.from(bytes);
}

const varintField = (number: number, value: number) => Buffer.concat([encodeVarint(number * 8), encodeVarint(value)]);
const lengthDelimited = (number: number, bytes: Buffer) => Buffer.concat([encodeVarint(number * 8 + 2), encodeVarint(bytes.length), bytes]);
