import { render } from 'preact';
import '../styles.css';
import { PortalApp } from './App';

render(<PortalApp />, document.getElementById('app')!);
