/**
 * DOM stand-ins for @tarojs/components in jest: each renders the element a browser would, and
 * translates Taro's event shapes (`e.detail.value`) so components are exercised as in the H5 build.
 */
import type React from 'react';

type AnyProps = Record<string, any> & { children?: React.ReactNode };

function passthrough(props: AnyProps) {
  const {
    className,
    style,
    children,
    onClick,
    hoverClass: _hoverClass,
    hoverStayTime: _hoverStayTime,
    scrollY: _scrollY,
    scrollX: _scrollX,
    userSelect: _userSelect,
    selectable: _selectable,
    ...rest
  } = props;
  const dom: AnyProps = { className, style, onClick };
  for (const [key, value] of Object.entries(rest)) {
    if (key.startsWith('data-') || key.startsWith('aria-') || key === 'id' || key === 'role') dom[key] = value;
  }
  return { dom, children };
}

export const View = (props: AnyProps) => {
  const { dom, children } = passthrough(props);
  return <div {...dom}>{children}</div>;
};
export const ScrollView = View;
export const Block = ({ children }: AnyProps) => <>{children}</>;
export const Form = View;
export const Label = View;

export const Text = (props: AnyProps) => {
  const { dom, children } = passthrough(props);
  return <span {...dom}>{children}</span>;
};

export const Image = (props: AnyProps) => {
  const { dom } = passthrough(props);
  return <img {...dom} src={props.src} alt={props['aria-label'] ?? ''} />;
};

export const Button = (props: AnyProps) => {
  const { dom, children } = passthrough(props);
  return (
    <button
      {...dom}
      type="button"
      disabled={props.disabled || props.loading}
      data-open-type={props.openType}
      onClick={(e) => {
        if (props.disabled || props.loading) return;
        props.onClick?.(e);
        if (props.openType === 'agreePrivacyAuthorization') props.onAgreePrivacyAuthorization?.({ detail: {} });
      }}
    >
      {children}
    </button>
  );
};

export const Input = (props: AnyProps) => {
  const { dom } = passthrough(props);
  return (
    <input
      {...dom}
      type={props.password ? 'password' : 'text'}
      value={props.value ?? ''}
      placeholder={props.placeholder}
      maxLength={props.maxlength}
      disabled={props.disabled}
      onChange={(e) => props.onInput?.({ detail: { value: e.target.value } })}
      onBlur={(e) => props.onBlur?.({ detail: { value: e.target.value } })}
    />
  );
};

export const Textarea = (props: AnyProps) => {
  const { dom } = passthrough(props);
  return (
    <textarea
      {...dom}
      value={props.value ?? ''}
      placeholder={props.placeholder}
      maxLength={props.maxlength}
      onChange={(e) => props.onInput?.({ detail: { value: e.target.value } })}
    />
  );
};

export const Switch = (props: AnyProps) => {
  const { dom } = passthrough(props);
  return (
    <input
      {...dom}
      type="checkbox"
      role="switch"
      checked={!!props.checked}
      disabled={props.disabled}
      onChange={(e) => props.onChange?.({ detail: { value: e.target.checked } })}
    />
  );
};

export const Canvas = View;
