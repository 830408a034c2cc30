// One reader (epub.js or foliate-js) behind one small interface, window.harness, that
// reading_systems.py drives through Playwright: open a book at a type size and theme, show a spine
// section, follow an href, and measure what the reader laid out (overflow, split headings and
// entry names, contrast, links). Each engine is styled only through its own styling API, as a
// reader app styles a book.
import '../node_modules/foliate-js/view.js'

const NIGHT = { background: '#121212', color: '#e6e6e6', link: '#8ab4f8' }
const nightCSS = `html, body { background: ${NIGHT.background} !important; color: ${NIGHT.color} !important; }
a:link, a:visited { color: ${NIGHT.link} !important; }`
const settle = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 30))))

// ------------------------------------------------------------------ the two engines

class EpubJs {
  async open(url, { font, theme }) {
    this.book = window.ePub(url)
    this.rendition = this.book.renderTo('viewer', {
      width: '100%', height: '100%', flow: 'paginated', spread: 'none', allowScriptedContent: false,
    })
    if (theme === 'night') {
      this.rendition.themes.register('night', {
        'html, body': { background: `${NIGHT.background} !important`, color: `${NIGHT.color} !important` },
        'a:link, a:visited': { color: `${NIGHT.link} !important` },
      })
      this.rendition.themes.select('night')
    }
    if (font !== 1) this.rendition.themes.fontSize(`${font * 100}%`)
    await this.book.ready
    await this.rendition.display(0)
  }
  sections() { return this.book.spine.spineItems.map(s => s.href) }
  resolve(index, href) {
    const base = new URL(this.book.spine.get(index).href, 'http://book/')
    const url = new URL(href, base)
    return url.pathname.slice(1) + url.hash
  }
  async toc() {
    const flat = items => items.flatMap(i => [{ label: i.label.trim(), href: i.href }, ...flat(i.subitems || [])])
    return flat(this.book.navigation.toc)
  }
  async display(target) { await this.rendition.display(target) }
  docs() { return this.rendition.getContents().map(c => c.document) }
  columnStep() {
    const { delta, divisor } = this.rendition.manager.layout
    return delta / divisor
  }
  // The reader's clipping box: what the reader shows of the section.
  visible(el) {
    const box = this.rendition.manager.container.getBoundingClientRect()
    // The target's first fragment: where the reader should have turned to (a block may run on).
    const r = topRect(el)
    const middle = (r.left + r.right) / 2
    return middle >= box.left && middle < box.right
  }
  sectionIndex() { return this.rendition.currentLocation()?.start?.index }
}

class Foliate {
  async open(url, { font, theme }) {
    this.view = document.createElement('foliate-view')
    document.getElementById('viewer').append(this.view)
    this.view.style.cssText = 'display:block;width:100%;height:100%'
    await this.view.open(url)
    this.view.renderer.setAttribute('flow', 'paginated')
    this.css = (theme === 'night' ? nightCSS : '') + (font !== 1 ? `\nhtml { font-size: ${font * 100}% !important; }` : '')
    this.view.renderer.setStyles?.(this.css)
    this.view.addEventListener('load', () => this.view.renderer.setStyles?.(this.css))
    await this.view.goTo(0)
  }
  sections() { return this.view.book.sections.map(s => s.id) }
  resolve(index, href) { return this.view.book.sections[index].resolveHref(href) }
  async toc() {
    const flat = items => items.flatMap(i => [{ label: i.label.trim(), href: i.href }, ...flat(i.subitems || [])])
    return flat(this.view.book.toc || [])
  }
  async display(target) { await this.view.goTo(target) }
  docs() { return this.view.renderer.getContents().map(c => c.doc) }
  columnStep() { return this.view.renderer.size / (this.view.renderer.columnCount || 1) }
  // foliate-js keeps its scroll box in a closed shadow root; the range it reports as on screen is
  // its own account of the visible page.
  visible(el) {
    const range = this.view.lastLocation?.range
    return Boolean(range && range.intersectsNode(el) && !endsAtStart(range, el))
  }
  sectionIndex() { return this.view.renderer.getContents()[0]?.index }
}

// A range that ends exactly where `el` begins touches it without showing any of it.
function endsAtStart(range, el) {
  const r = el.ownerDocument.createRange()
  r.selectNodeContents(el)
  return range.compareBoundaryPoints(Range.END_TO_START, r) === 0
}

// ------------------------------------------------------------------ geometry and colour

function topRect(el) {
  const r = rects(el)[0] || el.getBoundingClientRect()
  const frame = el.ownerDocument.defaultView.frameElement
  const f = frame ? frame.getBoundingClientRect() : { left: 0, top: 0 }
  return { left: r.left + f.left, right: r.right + f.left, top: r.top + f.top, bottom: r.bottom + f.top }
}

const rects = el => [...el.getClientRects()].filter(r => r.width > 0 && r.height > 0)
const label = el => `${el.localName}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''}`
const snippet = el => (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60)

function parseColor(text) {
  const m = text.match(/rgba?\(([^)]+)\)/)
  if (!m) return null
  const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number)
  return { r, g, b, a }
}
const over = (top, under) => ({
  r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a),
  b: top.b * top.a + under.b * (1 - top.a), a: 1,
})
function luminance({ r, g, b }) {
  const lin = c => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4 }
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}
function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p)
  return (x + 0.05) / (y + 0.05)
}
// The colour behind `el`: its own and its ancestors' backgrounds, over what the reader paints
// behind the page (the theme's background, or white).
function backdrop(el, page) {
  const layers = []
  for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
    const c = parseColor(getComputedStyle(node).backgroundColor)
    if (c && c.a > 0) layers.push(c)
    if (c && c.a >= 1) break
  }
  return layers.reverse().reduce((under, top) => over(top, under), page)
}
const hex = c => '#' + [c.r, c.g, c.b].map(v => Math.round(v).toString(16).padStart(2, '0')).join('')

// A word of a heading or entry name broken over two lines where it has no hyphen (a title too long
// for the line). Chinese and Japanese break between any two characters, so they are left out.
function brokenWord(el) {
  const doc = el.ownerDocument
  const lang = el.closest('[lang]')?.getAttribute('lang') || doc.documentElement.lang || ''
  if (/^(zh|ja|ko)\b/i.test(lang)) return null
  const walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.textContent.matchAll(/[^\s\-\u2010\u2011\u2013\u2014\u00ad]+/g)) {
      const range = doc.createRange()
      range.setStart(node, match.index)
      range.setEnd(node, match.index + match[0].length)
      const boxes = [...range.getClientRects()].filter(r => r.width > 0)
      const tops = boxes.map(r => r.top)
      const height = Math.min(...boxes.map(r => r.height))
      if (boxes.length > 1 && Math.max(...tops) - Math.min(...tops) > height / 2) return match[0]
    }
  }
  return null
}

// ------------------------------------------------------------------ measuring one section

function measure(doc, step, theme) {
  const page = theme === 'night' ? parseColor('rgb(18, 18, 18)') : { r: 255, g: 255, b: 255, a: 1 }
  const body = doc.body
  const height = doc.defaultView.innerHeight
  const column = x => Math.floor(x / step)
  const overflows = [], splits = [], contrasts = [], links = []
  const flagged = new Set()
  for (const el of body.querySelectorAll('*')) {
    const style = getComputedStyle(el)
    if (style.display === 'none' || style.visibility === 'hidden') continue
    // Overflow: a box wider than its column, crossing into the next one, or cut off at the foot.
    if (!(el.parentElement && flagged.has(el.parentElement))) {
      const bad = rects(el).find(r => r.width > step - 1 || column(r.left + 1) !== column(r.right - 1) || r.bottom > height + 1)
      const scrolls = style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1
      if (bad || scrolls) {
        flagged.add(el)
        overflows.push({ element: label(el), text: snippet(el), width: Math.round(bad ? bad.width : el.scrollWidth), column: Math.round(step) })
      }
    } else flagged.add(el)
    // Headings and entry names: not split over two columns, not left at the foot of one.
    if (/^h[1-6]$/.test(el.localName) || el.localName === 'dt') {
      const own = rects(el)
      const cols = new Set(own.map(r => column(r.left + 1)))
      if (cols.size > 1) splits.push({ element: label(el), text: snippet(el), kind: 'split' })
      const next = el.nextElementSibling
      const nextRects = next ? rects(next) : []
      if (own.length && nextRects.length && column(own.at(-1).left + 1) !== column(nextRects[0].left + 1))
        splits.push({ element: label(el), text: snippet(el), kind: 'stranded' })
      const word = brokenWord(el)
      if (word) splits.push({ element: label(el), text: snippet(el), kind: 'broken-word', word })
    }
    // Contrast: text against what is behind it (WCAG 2.2 1.4.3), borders and rules (1.4.11).
    const ownText = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())
    if (ownText && rects(el).length) {
      const behind = backdrop(el, page)
      const fg = over(parseColor(style.color), behind)
      const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700
      const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5
      const ratio = contrast(fg, behind)
      if (ratio < need) contrasts.push({ element: label(el), text: snippet(el), kind: 'text', ratio: +ratio.toFixed(2), need, fg: hex(fg), bg: hex(behind) })
    }
    for (const side of ['Top', 'Right', 'Bottom', 'Left']) {
      const width = parseFloat(style[`border${side}Width`])
      const border = parseColor(style[`border${side}Color`])
      if (!width || style[`border${side}Style`] === 'none' || !border || border.a === 0 || !rects(el).length) continue
      const behind = backdrop(el.parentElement || el, page)
      const ratio = contrast(over(border, behind), behind)
      if (ratio < 3) { contrasts.push({ element: label(el), text: snippet(el), kind: `border-${side.toLowerCase()}`, ratio: +ratio.toFixed(2), need: 3, fg: hex(over(border, behind)), bg: hex(behind) }); break }
    }
    if (el.localName === 'a' && el.getAttribute('href') && !/^\w+:/.test(el.getAttribute('href'))) {
      const kind = el.closest('nav') ? 'contents' : /noteref|backlink/.test(el.className) ? 'footnote' : 'cross-link'
      links.push({ href: el.getAttribute('href'), kind })
    }
  }
  const root = doc.documentElement
  return { overflows, splits, contrasts, links, scrollHeight: root.scrollHeight, clientHeight: root.clientHeight }
}

// ------------------------------------------------------------------ window.harness

const errors = []
window.addEventListener('error', e => errors.push(String(e.message)))
window.addEventListener('unhandledrejection', e => errors.push(String(e.reason)))

window.harness = {
  errors,
  async open(engine, url, options) {
    if (options.theme === 'night') document.body.classList.add('night')
    this.engine = engine === 'epubjs' ? new EpubJs() : new Foliate()
    this.options = options
    await this.engine.open(url, options)
    await settle()
    return this.engine.sections()
  },
  toc() { return this.engine.toc() },
  resolve(index, href) { return this.engine.resolve(index, href) },
  async show(index) {
    await this.engine.display(index)
    await settle()
    const doc = this.engine.docs()[0]
    return measure(doc, this.engine.columnStep(), this.options.theme)
  },
  // The harness's own check: a box twice the page's width and pale grey text, put into the section
  // shown, must be reported as an overflow and a contrast failure.
  probe() {
    const doc = this.engine.docs()[0]
    const wide = doc.createElement('div')
    wide.style.width = `${2 * this.engine.columnStep()}px`
    wide.textContent = 'probe: too wide'
    const pale = doc.createElement('p')
    pale.style.color = '#cccccc'
    pale.textContent = 'probe: pale'
    doc.body.append(wide, pale)
    const seen = measure(doc, this.engine.columnStep(), this.options.theme)
    wide.remove()
    pale.remove()
    return seen
  },
  // Where the cover picture is drawn, in the window's pixels, and the window's size: the cover
  // page should fill the screen (an <image> in an SVG reports the box it is drawn in, after the
  // viewBox has scaled it).
  async cover() {
    await this.engine.display(0)
    await settle()
    return this.coverBox()
  },
  coverBox() {
    const doc = this.engine.docs()[0]
    const picture = doc.querySelector('image, img')
    if (!picture) return null
    const r = topRect(picture)
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: innerWidth, height: innerHeight }
  },
  // Go to `href` as the reader does for a tapped link, then say whether its target is on screen.
  async follow(href) {
    await this.engine.display(href)
    await settle()
    const id = decodeURIComponent(href.split('#')[1] || '')
    const doc = this.engine.docs().find(d => (id ? d.getElementById(id) : d.body))
    if (!doc) return { landed: false, why: 'target document not shown' }
    const target = id ? doc.getElementById(id) : doc.body.firstElementChild
    return { landed: this.engine.visible(target), why: 'target not on the page shown' }
  },
}
