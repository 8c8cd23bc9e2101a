// The timeline: newest posts first, paged with the list-posts `before` cursor, for everyone
// or for one user.

import { invoke } from './api.js';

const pageSize = 20;

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export class Timeline {
  constructor(list, olderButton, emptyText, endText) {
    this.list = list;
    this.olderButton = olderButton;
    this.emptyText = emptyText;
    this.endText = endText;
    this.username = null;
    this.next = null;
    // Each load takes a new number, so a late response for an earlier view is dropped.
    this.generation = 0;
  }

  /** Shows the newest page for `username` (null for everyone). */
  async reload(username) {
    this.username = username;
    this.next = null;
    this.list.replaceChildren();
    this.olderButton.hidden = true;
    this.emptyText.hidden = true;
    this.endText.hidden = true;
    return this.#load(undefined);
  }

  /** Appends the next older page and returns the first post element added. */
  async loadOlder() {
    if (this.next === null) {
      return null;
    }
    return this.#load(this.next);
  }

  async #load(before) {
    const generation = ++this.generation;
    this.olderButton.disabled = true;
    try {
      const page = await invoke('list-posts', {
        method: 'GET',
        query: { username: this.username, limit: pageSize, before },
      });
      if (generation !== this.generation) {
        return null;
      }
      const items = page.posts.map(renderPost);
      this.list.append(...items);
      this.next = page.next ?? null;
      this.olderButton.hidden = this.next === null;
      this.emptyText.hidden = this.list.childElementCount > 0;
      this.endText.hidden = this.next !== null || this.list.childElementCount === 0;
      return items[0] ?? null;
    } finally {
      this.olderButton.disabled = false;
    }
  }
}

function renderPost(post) {
  const item = document.createElement('li');
  item.className = 'post';
  item.dataset.id = String(post.id);

  const article = document.createElement('article');
  article.tabIndex = -1;

  const header = document.createElement('header');
  const author = document.createElement('a');
  author.className = 'author';
  author.href = `#/user/${encodeURIComponent(post.username)}`;
  author.textContent = `@${post.username}`;

  const time = document.createElement('time');
  time.dateTime = post.created_at;
  const created = new Date(post.created_at);
  time.textContent = Number.isNaN(created.getTime()) ? post.created_at : timeFormat.format(created);

  const body = document.createElement('p');
  body.className = 'body';
  body.textContent = post.body;

  header.append(author, ' ', time);
  article.append(header, body);
  item.append(article);
  return item;
}
