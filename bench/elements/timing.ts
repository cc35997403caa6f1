// Timing helpers that run in the page.

/** Resolves after the next frame has been rendered: a task posted from rAF runs after paint. */
export function afterNextPaint(): Promise<number> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    });
  });
}

/**
 * Resolves with the time right after the first frame painted in which `ready()` holds
 * (checked each frame, before it is rendered).
 */
export function paintedWhen(ready: () => boolean, timeoutMs = 30_000): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (ready()) {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      } else if (performance.now() - started > timeoutMs) {
        reject(new Error('timed out waiting for the page to show it'));
      } else {
        requestAnimationFrame(check);
      }
    };
    requestAnimationFrame(check);
  });
}

/** Forces style and layout now, so their cost lands in the measured span. */
export function forceLayout(): void {
  void document.body.getBoundingClientRect();
}

/** Long tasks (over 50 ms) seen since `start()`. */
export function longTaskRecorder() {
  const durations: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) durations.push(entry.duration);
  });
  return {
    start: () => observer.observe({ type: 'longtask', buffered: false }),
    stop: () => {
      observer.disconnect();
      return durations;
    },
  };
}

export const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** What a scroll run's error starts with when the browser stopped drawing the page. */
export const NO_FRAMES = 'no frame';

/**
 * The next frame, or an error once `seconds` pass without one. Headless Chromium now and then
 * stops running a page's animation frames while the page itself is idle and answers; a scroll
 * waiting on frames would otherwise wait out the protocol's 10-minute timeout.
 */
export function nextFrameWithin(seconds: number, where: () => string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${NO_FRAMES} for ${seconds} s, at ${where()}`)),
      seconds * 1000,
    );
    requestAnimationFrame((time) => {
      clearTimeout(timer);
      resolve(time);
    });
  });
}
