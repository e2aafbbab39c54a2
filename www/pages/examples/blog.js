// Auto-resize for the iframe embed: embed.html posts {type: 'fs-height', height}.
addEventListener('message', (e) => {
  if (e.data?.type !== 'fs-height') return;
  for (const frame of document.querySelectorAll('iframe.embed'))
    if (frame.contentWindow === e.source) frame.style.height = `${e.data.height}px`;
});
