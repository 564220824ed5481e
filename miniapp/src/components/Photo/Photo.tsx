import { Image } from '@tarojs/components';

export interface PhotoProps {
  src: string;
  /** What the picture is, for screen readers (诉求照片, 头像). */
  alt: string;
  className?: string;
  mode?: 'aspectFill' | 'widthFix';
  onClick?: () => void;
}

/**
 * A picture with its description. Taro's H5 Image keeps `aria-label` on its wrapper, where screen readers do not
 * look for an image's name: the inner <img> gets it as `alt` too.
 */
export function Photo({ src, alt, className, mode = 'aspectFill', onClick }: PhotoProps) {
  return (
    <Image
      className={className}
      src={src}
      mode={mode}
      aria-label={alt}
      nativeProps={{ alt }}
      onClick={onClick}
      style={mode === 'widthFix' ? { width: '100%' } : undefined}
    />
  );
}
