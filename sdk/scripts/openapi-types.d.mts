export declare const GENERATED_TYPES_PATH: URL
export declare function renderTypes(document: object): Promise<string>
