import { Client } from 'pg';

export interface Listener {
  close(): Promise<void>;
}

const RECONNECT_MS = 2_000;

/**
 * LISTEN on one PostgreSQL channel over a connection of its own (a pooled one would be handed to queries).
 * `onNotify` runs for every notification, and once after every (re)connect, since notifications sent while
 * the connection was down are lost: callers treat it as "look again", never as the data itself. A lost
 * connection is reopened every 2 s until `close()`.
 */
export async function listenPostgres(
  url: string,
  channel: string,
  onNotify: () => void,
  onError: (error: Error) => void = () => undefined,
): Promise<Listener> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`listenPostgres: bad channel name ${channel}`);
  let closed = false;
  let client: Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  const reconnect = () => {
    if (closed || retry) return;
    const old = client;
    client = undefined;
    old?.end().catch(() => undefined);
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, RECONNECT_MS);
    retry.unref();
  };

  const connect = async () => {
    const c = new Client({ connectionString: url });
    c.on('error', (error) => {
      onError(error);
      if (client === c) reconnect();
    });
    c.on('end', () => {
      if (client === c) reconnect();
    });
    c.on('notification', (message) => {
      if (message.channel === channel) onNotify();
    });
    try {
      client = c;
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      if (closed) {
        await c.end().catch(() => undefined);
        return;
      }
      onNotify();
    } catch (error) {
      onError(error as Error);
      if (client === c) reconnect();
    }
  };

  await connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
