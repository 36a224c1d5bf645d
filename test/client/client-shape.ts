// The shape of the generated client's functions (test/client/typed-client.test.ts writes and
// compiles the client itself, in a folder of its own; this lets the test call it typed).
export declare function cartPage(url: string, key: string): Promise<{ total: number; known: boolean; promotions: string[] }>;
export declare function checkoutAndCancel(url: string, key: string, orderRef: string): Promise<{ replayed: boolean; rolledBack: number; again: string | null }>;
export declare function adminWork(url: string, key: string): Promise<{ secret: string; total: number }>;
