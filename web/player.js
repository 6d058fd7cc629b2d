// The player: waveform (precomputed peaks from the server) and spectrogram
// of the whole recording, the audio with a moving cursor, and every finding
// as a region on the time axis.
import { $, clock } from './dom.js';

const levels = [1, 2, 5, 10, 20, 50, 100];

// The first drawing needs few buckets (about four per pixel of the whole
// recording at its widest fit), so a long recording opens at once; zooming in
// asks for the level with at least one bucket per pixel.
function openingLevel(duration) {
  let chosen = levels[0];
  for (const level of levels) if (duration * level <= 6000) chosen = level;
  return chosen;
}

function levelFor(pixelsPerSecond) {
  return levels.find((level) => level >= pixelsPerSecond) || levels[levels.length - 1];
}

async function fetchPeaks(id, perSecond) {
  const response = await fetch(`/api/items/${id}/peaks.json?per_second=${perSecond}`);
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || response.statusText);
  const peaks = new Float32Array(data.peaks.length);
  for (let i = 0; i < peaks.length; ++i) peaks[i] = data.peaks[i] / data.scale;
  return { data, peaks };
}

function regionColour(finding) {
  if (finding.kind === 'note') return 'rgba(120, 120, 120, 0.18)';
  if (finding.status === 'confirmed') return 'rgba(26, 127, 55, 0.28)';
  if (finding.status === 'rejected') return 'rgba(180, 35, 24, 0.18)';
  return 'rgba(230, 140, 0, 0.28)';
}

export class Player {
  constructor() {
    this.ws = null;
    this.regions = null;
    this.audio = $('#player-audio');
    this.opened = 0;
  }

  destroy() {
    if (this.ws) this.ws.destroy();
    this.ws = null;
  }

  // Opens item `id`; resolves once the waveform is drawn, with the time that
  // took from the request (ms). The findings come with setFindings, which
  // may be called before or after.
  async open(id, duration, onRegionClick) {
    const started = performance.now();
    const generation = (this.generation = (this.generation || 0) + 1);
    this.destroy();
    this.drawn = false;
    const waveform = $('#waveform');
    waveform.replaceChildren();
    waveform.dataset.drawn = '';
    $('#player-message').textContent = '';
    let data;
    let peaks;
    try {
      ({ data, peaks } = await fetchPeaks(id, openingLevel(duration)));
    } catch (error) {
      if (generation === this.generation) {
        $('#player-message').textContent = `The player cannot open this recording: ${error.message}`;
      }
      return null;
    }
    if (generation !== this.generation) return null;  // another item was opened meanwhile
    performance.mark('provenance-peaks-received');
    this.itemId = id;
    this.level = data.per_second;
    this.duration = data.duration_s;
    this.audio.src = `/api/items/${id}/audio`;
    this.regions = WaveSurfer.Regions.create();
    const timeline = WaveSurfer.Timeline.create({ height: 16, style: { fontSize: '11px' } });
    const drawn = new Promise((resolve) => {
      this.ws = WaveSurfer.create({
        container: waveform,
        height: 110,
        media: this.audio,
        peaks: [peaks],
        duration: data.duration_s,
        normalize: true,
        waveColor: '#5b7fa6',
        progressColor: '#1b2a41',
        cursorColor: '#d1242f',
        cursorWidth: 2,
        autoScroll: true,
        autoCenter: true,
        plugins: [this.regions, timeline],
      });
      this.ws.once('redrawcomplete', resolve);
    });
    this.ws.on('timeupdate', (t) => { $('#player-time').textContent = `${clock(t)} / ${clock(this.duration)}`; });
    this.ws.on('play', () => { $('#play-button').textContent = 'Pause'; });
    this.ws.on('pause', () => { $('#play-button').textContent = 'Play'; });
    this.ws.on('zoom', (pixelsPerSecond) => {
      this.alignSpectrogram();
      this.refine(pixelsPerSecond, generation);
    });
    this.ws.on('scroll', () => this.alignSpectrogram());
    this.ws.on('redrawcomplete', () => this.alignSpectrogram());
    this.regions.on('region-clicked', (region, event) => {
      event.stopPropagation();
      onRegionClick(Number(region.id.slice(1)));
    });
    performance.mark('provenance-player-created');
    await drawn;
    performance.mark('provenance-waveform-drawn');
    if (generation !== this.generation) return null;
    this.drawn = true;
    this.showFindings(this.findings || []);
    const image = $('#spectrogram-image');
    image.src = `/api/items/${id}/spectrogram.png`;
    image.onload = () => this.alignSpectrogram();
    waveform.dataset.drawn = 'yes';
    this.openMs = performance.now() - started;
    waveform.dataset.openMs = this.openMs.toFixed(0);
    waveform.dataset.drawnAt = performance.now().toFixed(0);  // since the page was requested
    $('#player-time').textContent = `${clock(0)} / ${clock(this.duration)}`;
    return this.openMs;
  }

  setFindings(findings) {
    this.findings = findings;
    if (this.drawn) this.showFindings(findings);
  }

  showFindings(findings) {
    if (!this.regions) return;
    this.regions.clearRegions();
    for (const f of findings) {
      const start = Math.max(0, Number(f.start_s) || 0);
      const end = Math.max(start + 0.05, Number(f.end_s) || 0);
      const region = this.regions.addRegion({
        id: `f${f.id}`, start, end, color: regionColour(f), drag: false, resize: false,
      });
      if (region.element) {
        region.element.setAttribute('data-finding', String(f.id));
        region.element.title = `#${f.id} ${f.kind}: ${f.summary}`;
      }
    }
    $('#waveform').dataset.regions = String(findings.length);
  }

  // The spectrogram picture spans the whole recording: stretch it to the
  // waveform's width and move it with the waveform's scroll.
  alignSpectrogram() {
    if (!this.ws) return;
    const image = $('#spectrogram-image');
    const wrapper = this.ws.getWrapper();
    const width = wrapper.scrollWidth || wrapper.getBoundingClientRect().width;
    image.style.width = `${width}px`;
    image.style.transform = `translateX(${-this.ws.getScroll()}px)`;
  }

  playSpan(start, end) {
    if (!this.ws) return;
    this.ws.setTime(start);
    this.stopAt = end;
    this.ws.play();
    const stop = (t) => {
      if (this.stopAt !== undefined && t >= this.stopAt) {
        this.ws.pause();
        this.stopAt = undefined;
        this.ws.un('timeupdate', stop);
      }
    };
    this.ws.on('timeupdate', stop);
  }

  playPause() {
    if (this.ws) {
      this.stopAt = undefined;
      this.ws.playPause();
    }
  }

  // Finer peaks once the zoom shows more than one pixel per bucket.
  async refine(pixelsPerSecond, generation) {
    const wanted = levelFor(pixelsPerSecond);
    if (wanted <= this.level || this.refining === wanted) return;
    this.refining = wanted;
    try {
      const { data, peaks } = await fetchPeaks(this.itemId, wanted);
      if (generation !== this.generation || !this.ws) return;
      this.level = data.per_second;
      this.ws.setOptions({ peaks: [peaks], duration: data.duration_s });
    } catch (error) {
      $('#player-message').textContent = `Finer waveform unavailable: ${error.message}`;
    } finally {
      this.refining = undefined;
    }
  }

  zoom(pixelsPerSecond) {
    if (this.ws) this.ws.zoom(Number(pixelsPerSecond));
  }

  seekFromSpectrogram(event) {
    if (!this.ws || !this.duration) return;
    const image = $('#spectrogram-image');
    const box = image.getBoundingClientRect();
    this.ws.setTime(((event.clientX - box.left) / box.width) * this.duration);
  }
}
