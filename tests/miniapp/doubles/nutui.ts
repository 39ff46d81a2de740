// What babel-plugin-import does for the app: each NutUI component from its own ES module (the package's main
// entry is a UMD bundle that needs a canvas). Add a line when a page uses another component.
export { default as Button } from '../../../miniapp/node_modules/@nutui/nutui-react-taro/dist/es/packages/button';
export { default as Cell } from '../../../miniapp/node_modules/@nutui/nutui-react-taro/dist/es/packages/cell';
export { default as Checkbox } from '../../../miniapp/node_modules/@nutui/nutui-react-taro/dist/es/packages/checkbox';
export { default as ConfigProvider } from '../../../miniapp/node_modules/@nutui/nutui-react-taro/dist/es/packages/configprovider';
export { default as DatePicker } from '../../../miniapp/node_modules/@nutui/nutui-react-taro/dist/es/packages/datepicker';
export { default as Dialog } from '../../../miniapp/node_modules/@nutui/nutui-react-taro/dist/es/packages/dialog';
export { default as Empty } from '../../../miniapp/node_modules/@nutui/nutui-react-taro/dist/es/packages/empty';
export { default as Grid } from '../../../miniapp/node_modules/@nutui/nutui-react-taro/dist/es/packages/grid';
export { default as Input } from '../../../miniapp/node_modules/@nutui/nutui-react-taro/dist/es/packages/input';
export { default as Radio } from '../../../miniapp/node_modules/@nutui/nutui-react-taro/dist/es/packages/radio';
export { default as SearchBar } from '../../../miniapp/node_modules/@nutui/nutui-react-taro/dist/es/packages/searchbar';
export { default as Skeleton } from '../../../miniapp/node_modules/@nutui/nutui-react-taro/dist/es/packages/skeleton';
export { default as Step } from '../../../miniapp/node_modules/@nutui/nutui-react-taro/dist/es/packages/step';
export { default as Steps } from '../../../miniapp/node_modules/@nutui/nutui-react-taro/dist/es/packages/steps';
export { default as Switch } from '../../../miniapp/node_modules/@nutui/nutui-react-taro/dist/es/packages/switch';
export { default as Tabs } from '../../../miniapp/node_modules/@nutui/nutui-react-taro/dist/es/packages/tabs';
export { default as Tag } from '../../../miniapp/node_modules/@nutui/nutui-react-taro/dist/es/packages/tag';
