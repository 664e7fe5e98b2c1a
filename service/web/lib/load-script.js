// Loads a vendored classic script once, on first need (uPlot ships as an
// IIFE bundle), so views that draw no chart don't pay for it.
const loading = new Map();

export function loadScript(src, globalName) {
  if (!loading.has(src)) {
    loading.set(src, new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = src;
      s.onload = () => resolve(window[globalName]);
      s.onerror = () => reject(new Error(`could not load ${src}`));
      document.head.append(s);
    }));
  }
  return loading.get(src);
}

// Its stylesheet comes with it, once.
export function loadStyle(href) {
  if (document.querySelector(`link[href="${href}"]`)) return;
  document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href }));
}
