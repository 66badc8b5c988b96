// The part of the `qrcode` package the emulator uses (the package ships no types).
declare module 'qrcode' {
  export function toBuffer(
    text: string,
    options?: { type?: 'png'; errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'; margin?: number; width?: number; scale?: number },
  ): Promise<Buffer>;
  export function create(text: string, options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' }): { modules: { size: number } };
}
