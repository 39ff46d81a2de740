// @tarojs/components as plain DOM elements for Testing Library. Only DOM-safe props pass through.
import { createElement, forwardRef, type ReactNode } from 'react';

type Props = Record<string, unknown> & { children?: ReactNode };

const EVENT_MAP: Record<string, string> = {
  onClick: 'onClick',
  onTouchStart: 'onTouchStart',
  onTouchEnd: 'onTouchEnd',
  onFocus: 'onFocus',
  onBlur: 'onBlur',
};

function domProps(props: Props): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (key === 'className' || key === 'style' || key === 'id' || key === 'role' || key === 'children')
      out[key] = value;
    else if (key.startsWith('aria-') || key.startsWith('data-')) out[key] = value;
    else if (key in EVENT_MAP && typeof value === 'function') {
      const handler = value as (e: unknown) => void;
      out[EVENT_MAP[key] as string] = (e: { stopPropagation?: () => void }) =>
        handler(Object.assign(e, { detail: {}, currentTarget: e }));
    }
  }
  if (typeof out.style === 'string') delete out.style;
  return out;
}

function element(tag: string) {
  const Component = forwardRef<HTMLElement, Props>((props, ref) =>
    createElement(tag, { ...domProps(props), ref }),
  );
  Component.displayName = tag;
  return Component;
}

export const View = element('div');
export const Text = element('span');
export const ScrollView = element('div');
export const Swiper = element('div');
export const SwiperItem = element('div');
export const Label = element('label');
export const Form = element('form');
export const Block = ({ children }: Props) => <>{children}</>;
export const RootPortal = ({ children }: Props) => <>{children}</>;

export const Image = forwardRef<HTMLImageElement, Props>((props, ref) => (
  <img {...domProps(props)} src={String(props.src ?? '')} alt="" ref={ref} />
));

export const Button = forwardRef<HTMLButtonElement, Props>((props, ref) => (
  <button type="button" {...domProps(props)} disabled={!!props.disabled} ref={ref} />
));

type InputHandler = (e: { detail: { value: string } }) => void;

export const Input = forwardRef<HTMLInputElement, Props>((props, ref) => {
  const onInput = props.onInput as InputHandler | undefined;
  return (
    <input
      {...domProps(props)}
      ref={ref}
      name={props.name as string | undefined}
      type={props.password ? 'password' : 'text'}
      value={(props.value as string | undefined) ?? ''}
      placeholder={props.placeholder as string | undefined}
      disabled={!!props.disabled}
      onChange={(e) => onInput?.({ detail: { value: e.target.value } })}
    />
  );
});

export const Textarea = Input;
