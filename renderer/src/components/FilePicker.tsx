import type { Ref } from 'react';

/**
 * The hidden file input a button opens (`ref.current.click()`): hands on the one file chosen and clears the
 * input, so that choosing the same file again after fixing it is noticed.
 */
export function FilePicker(props: { inputRef: Ref<HTMLInputElement>; accept: string; label: string; onFile: (file: File) => void }) {
  return (
    <input
      ref={props.inputRef}
      type="file"
      accept={props.accept}
      style={{ display: 'none' }}
      aria-label={props.label}
      onChange={(event) => {
        const file = event.target.files?.[0];
        event.target.value = '';
        if (file) props.onFile(file);
      }}
    />
  );
}
