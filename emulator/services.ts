// Every part of the local CloudBase is a service of one shape, started in order and stopped in the
// reverse order by one registry (the shape Firebase's emulator hub gives its emulators).

export interface EmulatorService {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** What the service holds right now, for GET /_emulator/services and the emulator's page. */
  info(): Record<string, unknown>;
}

export class ServiceRegistry {
  private readonly started: EmulatorService[] = [];

  constructor(private readonly services: EmulatorService[]) {}

  /** Starts each service after the one before it; if one fails, those already started are stopped. */
  async start(): Promise<void> {
    for (const service of this.services) {
      try {
        await service.start();
      } catch (error) {
        await this.stop();
        throw new Error(`emulator service ${service.name} failed to start: ${(error as Error)?.message ?? error}`);
      }
      this.started.push(service);
    }
  }

  async stop(): Promise<void> {
    while (this.started.length) await this.started.pop()!.stop();
  }

  info(): Array<{ name: string; running: boolean } & Record<string, unknown>> {
    return this.services.map((service) => ({ name: service.name, running: this.started.includes(service), ...service.info() }));
  }
}
