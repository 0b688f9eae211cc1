/**
 * The bytes of a one-node ONNX model (`Identity` from one int64 matrix input to one output), written as protobuf by
 * hand, so that a test can give the tagger a real ONNX file whose inputs are not a token classifier's.
 */
export function identityOnnx(input: string, output: string): Buffer {
  const int64Matrix = message(
    2,
    message(1, varint(1, 7), message(2, message(1, string(2, 'rows')), message(1, string(2, 'width')))),
  );
  const valueInfo = (name: string) => Buffer.concat([string(1, name), int64Matrix]);
  const node = message(1, string(1, input), string(2, output), string(4, 'Identity'));
  const graph = message(
    7,
    node,
    string(2, 'g'),
    message(11, valueInfo(input)),
    message(12, valueInfo(output)),
  );
  return Buffer.concat([varint(1, 8), message(8, string(1, ''), varint(2, 14)), graph]);
}

function varint(field: number, value: number): Buffer {
  return Buffer.concat([key(field, 0), encodeVarint(value)]);
}

function string(field: number, value: string): Buffer {
  return lengthDelimited(field, Buffer.from(value, 'utf8'));
}

function message(field: number, ...parts: Buffer[]): Buffer {
  return lengthDelimited(field, Buffer.concat(parts));
}

function lengthDelimited(field: number, bytes: Buffer): Buffer {
  return Buffer.concat([key(field, 2), encodeVarint(bytes.length), bytes]);
}

function key(field: number, wireType: number): Buffer {
  return encodeVarint((field << 3) | wireType);
}

function encodeVarint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest > 0x7f) {
    bytes.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}
