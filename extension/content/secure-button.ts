/**
 * The "Secure" control added next to a compose editor. It lives in a closed shadow root so page scripts
 * cannot restyle or read it, and it ignores synthetic clicks (`isTrusted` false, SECURITY A6.8).
 */
import browser from 'webextension-polyfill';

const svgNs = 'http://www.w3.org/2000/svg';

function padlock(): SVGSVGElement {
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 12 14');
  svg.setAttribute('width', '11');
  svg.setAttribute('height', '13');
  svg.setAttribute('aria-hidden', 'true');
  svg.style.verticalAlign = '-2px';
  const shackle = document.createElementNS(svgNs, 'path');
  shackle.setAttribute('d', 'M3 6V4a3 3 0 0 1 6 0v2');
  shackle.setAttribute('fill', 'none');
  shackle.setAttribute('stroke', 'currentColor');
  shackle.setAttribute('stroke-width', '1.6');
  const body = document.createElementNS(svgNs, 'rect');
  body.setAttribute('x', '1');
  body.setAttribute('y', '6');
  body.setAttribute('width', '10');
  body.setAttribute('height', '8');
  body.setAttribute('rx', '1.5');
  body.setAttribute('fill', 'currentColor');
  svg.append(shackle, body);
  return svg;
}

export function addSecureButton(editor: HTMLElement, onOpen: () => void): HTMLElement {
  const host = document.createElement('lockpane-secure');
  // Web mails lay toolbars over the top of their editors (Roundcube's elastic skin does): stay on top, at the
  // right end of that row, so the control is visible and clickable without hiding the site's own buttons.
  host.style.cssText = 'display:block;width:max-content;margin-left:auto;position:relative;z-index:2147483646';
  const shadow = host.attachShadow({ mode: 'closed' });
  const button = document.createElement('button');
  button.type = 'button';
  // A drawn padlock, not the emoji: systems without an emoji font showed an empty box.
  button.append(padlock(), document.createTextNode(` ${browser.i18n.getMessage('composeSecure')}`));
  button.setAttribute('aria-label', browser.i18n.getMessage('composeSecureLabel'));
  button.style.cssText = 'font:13px system-ui,sans-serif;padding:3px 10px;margin:4px 0;border:1px solid #2d3e50;border-radius:4px;background:#fff;cursor:pointer';
  button.addEventListener('click', (event) => {
    if (!event.isTrusted) return;
    onOpen();
  });
  shadow.append(button);
  editor.before(host);
  return host;
}
