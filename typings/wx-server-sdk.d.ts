// Accurate types for the part of wx-server-sdk this project uses. The package's own declarations
// type every call as `Promise<T> | void | string` (callback overloads), which hides real mistakes;
// tsconfig maps the module name here instead. Shapes follow what the SDK returns at run time.

type AnyObject = Record<string, unknown>;

export interface DbCommand {
  eq(v: unknown): unknown;
  neq(v: unknown): unknown;
  gt(v: unknown): unknown;
  gte(v: unknown): unknown;
  lt(v: unknown): unknown;
  lte(v: unknown): unknown;
  in(v: unknown[]): unknown;
  nin(v: unknown[]): unknown;
  exists(v: boolean): unknown;
  and(...c: unknown[]): unknown;
  or(...c: unknown[]): unknown;
  inc(n: number): unknown;
  set(v: unknown): unknown;
  remove(): unknown;
  push(v: unknown): unknown;
  pull(v: unknown): unknown;
  addToSet(v: unknown): unknown;
  aggregate: AnyObject & Record<string, (...args: any[]) => unknown>;
}

export interface QueryResult<T = AnyObject> {
  data: T[];
  errMsg?: string;
}
export interface CountResult {
  total: number;
}
export interface AddResult {
  _id: string;
}
export interface UpdateResult {
  stats: { updated: number };
}
export interface RemoveResult {
  stats: { removed: number };
}
export interface SetResult {
  _id?: string;
  stats: { updated: number; created: number };
}

export interface Query<T = AnyObject> {
  where(query: AnyObject): Query<T>;
  orderBy(field: string, order: 'asc' | 'desc'): Query<T>;
  limit(n: number): Query<T>;
  skip(n: number): Query<T>;
  field(projection: Record<string, boolean | 0 | 1>): Query<T>;
  get(): Promise<QueryResult<T>>;
  count(): Promise<CountResult>;
  update(options: { data: AnyObject }): Promise<UpdateResult>;
  remove(): Promise<RemoveResult>;
}

export interface DocumentRef<T = AnyObject> {
  get(): Promise<{ data: T }>;
  set(options: { data: AnyObject }): Promise<SetResult>;
  update(options: { data: AnyObject }): Promise<UpdateResult>;
  remove(): Promise<RemoveResult>;
}

export interface Aggregate {
  match(q: AnyObject): Aggregate;
  group(g: AnyObject): Aggregate;
  sort(s: AnyObject): Aggregate;
  project(p: AnyObject): Aggregate;
  limit(n: number): Aggregate;
  skip(n: number): Aggregate;
  unwind(u: unknown): Aggregate;
  count(field: string): Aggregate;
  addFields(f: AnyObject): Aggregate;
  lookup(l: { from: string; localField: string; foreignField: string; as: string }): Aggregate;
  end(): Promise<{ list: AnyObject[] }>;
}

export interface Collection<T = AnyObject> extends Query<T> {
  doc(id: string): DocumentRef<T>;
  add(options: { data: AnyObject | AnyObject[] }): Promise<AddResult & { _ids?: string[] }>;
  aggregate(): Aggregate;
}

export interface TransactionCollection {
  doc(id: string): {
    get(): Promise<{ data: AnyObject | null }>;
    set(options: { data: AnyObject }): Promise<SetResult>;
    update(options: { data: AnyObject }): Promise<UpdateResult>;
    delete(): Promise<RemoveResult>;
    /** What the SDK really has: a transaction's document has remove(), no delete(). */
    remove(): Promise<RemoveResult>;
  };
  add(options: { data: AnyObject }): Promise<AddResult>;
}

export interface Transaction {
  collection(name: string): TransactionCollection;
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}

export interface Database {
  collection<T = AnyObject>(name: string): Collection<T>;
  command: DbCommand;
  serverDate(options?: { offset?: number }): unknown;
  RegExp(options: { regexp: string; options?: string }): unknown;
  runTransaction<R>(work: (tx: Transaction) => Promise<R>, retries?: number): Promise<R>;
  startTransaction(): Promise<Transaction>;
  /** Fails when the collection exists (DATABASE_COLLECTION_ALREADY_EXIST). */
  createCollection(name: string): Promise<unknown>;
}

export interface WXContext {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  ENV?: string;
  SOURCE?: string;
}

export interface OpenApiError extends Error {
  errCode: number;
  errMsg: string;
}

declare const cloud: {
  DYNAMIC_CURRENT_ENV: symbol;
  init(options?: { env?: string | symbol; throwOnNotFound?: boolean }): void;
  getWXContext(): WXContext;
  database(options?: AnyObject): Database;
  openapi: Record<string, Record<string, (params: AnyObject) => Promise<any>>>;
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
  getTempFileURL(options: { fileList: string[] }): Promise<{ fileList: { fileID: string; tempFileURL: string; status: number }[] }>;
  deleteFile(options: { fileList: string[] }): Promise<{ fileList: { fileID: string; status: number }[] }>;
};
export default cloud;
