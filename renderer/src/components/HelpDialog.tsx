import { Modal, Typography } from 'antd';
import type { ReactNode } from 'react';
import guide from '../../../docs/使用说明.md?raw';

// The guide's screenshots are taken by the end-to-end walk; bundling them keeps 帮助 working offline.
const images = import.meta.glob('../../../docs/images/*.png', { eager: true, query: '?url', import: 'default' });
const imageUrl = (path: string) => images[`../../../docs/${path}`];

/** **bold** and `code` inside a line of the guide. */
function inline(text: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*|`[^`]+`)/).map((part, index) => {
    if (part.startsWith('**') && part.endsWith('**')) return <strong key={index}>{part.slice(2, -2)}</strong>;
    if (part.startsWith('`') && part.endsWith('`')) return <code key={index}>{part.slice(1, -1)}</code>;
    return part;
  });
}

/**
 * The user guide (docs/使用说明.md) drawn from its Markdown: headings, paragraphs, lists and screenshots are
 * all it uses, so a few rules suffice and the guide has one source for the repository and the app.
 */
function renderGuide(markdown: string): ReactNode[] {
  const blocks: ReactNode[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flush = () => {
    if (!list) return;
    const items = list.items.map((item, index) => <li key={index}>{inline(item)}</li>);
    blocks.push(list.ordered ? <ol key={blocks.length}>{items}</ol> : <ul key={blocks.length}>{items}</ul>);
    list = null;
  };
  for (const line of markdown.split('\n')) {
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    const image = /^!\[([^\]]*)\]\(([^)]+)\)$/.exec(line.trim());
    const bullet = /^\s*[-*] (.*)$/.exec(line);
    const numbered = /^\s*\d+\. (.*)$/.exec(line);
    if (bullet || numbered) {
      const ordered = numbered !== null;
      if (list && list.ordered !== ordered) flush();
      list ??= { ordered, items: [] };
      list.items.push((bullet ?? numbered)?.[1] ?? '');
      continue;
    }
    flush();
    if (heading) {
      const level = heading[1].length as 1 | 2 | 3;
      blocks.push(
        <Typography.Title key={blocks.length} level={(level + 2) as 3 | 4 | 5}>
          {heading[2]}
        </Typography.Title>,
      );
    } else if (image) {
      const url = imageUrl(image[2]);
      if (url) blocks.push(<img key={blocks.length} className="help-image" src={url} alt={image[1]} />);
    } else if (line.trim() !== '') {
      blocks.push(<Typography.Paragraph key={blocks.length}>{inline(line)}</Typography.Paragraph>);
    }
  }
  flush();
  return blocks;
}

const rendered = renderGuide(guide);

/** 帮助: the user guide, from installing to the stamped package, in a dialog over the app. */
export function HelpDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal open title="帮助：使用说明" onCancel={onClose} footer={null} width={900} style={{ top: 24 }}
      styles={{ body: { maxHeight: 'calc(100vh - 140px)', overflowY: 'auto' } }}>
      <div className="help-guide" data-testid="help-guide" tabIndex={0} role="document" aria-label="使用说明">
        {rendered}
      </div>
    </Modal>
  );
}
